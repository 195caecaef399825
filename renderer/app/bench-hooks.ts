import type { CheckpointId } from '../../shared/reference/checkpoints.ts';
import { recordCrossing } from '../verify/record-crossing.ts';
import type { Desk } from './start-desk.ts';

declare global {
  interface Window {
    /** Present only when the host was started with --bench-hooks (`npm run bench`). */
    shekaraBench?: { recordCrossings: (count: number) => Promise<number> };
  }
}

/**
 * Records `count` entry crossings one by one, as officers would, on the first permits of the replica:
 * the bench fills the outbox during an outage this way and times how fast it drains.
 */
export function installBenchHooks(desk: Desk): void {
  if (!desk.info.benchHooks) return;
  window.shekaraBench = {
    async recordCrossings(count) {
      const permits = await desk.db.permits.find().limit(count).exec();
      for (let i = 0; i < count; i++) {
        const permit = permits[i % permits.length]!.toJSON() as Parameters<typeof recordCrossing>[1]['permit'];
        await recordCrossing(desk.db, { permit, documentNumber: permit.applicationNumber, direction: 'entry', checkpointId: desk.info.checkpointId as CheckpointId, deskId: desk.info.deskId, officerName: 'Bench', plate: permit.vehicle.plate });
      }
      return count;
    },
  };
}
