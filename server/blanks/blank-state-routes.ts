import type { FastifyInstance } from 'fastify';
import { balanceOf, foldLedger, type Balance, type LedgerAnomaly } from '../../shared/blanks/ledger.ts';
import { toBlankEvent, type BlankEventDoc } from '../../shared/documents/blank-event.ts';
import type { Db } from '../db/db.ts';
import { deviceOf } from '../http/access.ts';

export const BLANK_STATE_PATH = '/blanks/v1/state';

/**
 * The centre's view of a checkpoint's blanks, folded by the same ledger code the desks run
 * (shared/blanks/ledger.ts): balances per desk and every event the ledger could not apply. Only the
 * centre sees all desks' events together, so only it can flag, say, one number reserved at two desks
 * during an outage.
 */
export function registerBlankStateRoutes(app: FastifyInstance, db: Db): void {
  app.get(BLANK_STATE_PATH, { config: { access: 'device' } }, async (req) => {
    const device = deviceOf(req);
    const rows = await db.query<{ doc: BlankEventDoc }>(`SELECT doc FROM blank_events WHERE doc->>'checkpointId' = $1`, [device.checkpointId]);
    const ledger = foldLedger(rows.map((r) => toBlankEvent(r.doc)));
    const desks = [...new Set([...ledger.blanks.values()].map((b) => b.deskId).filter((d): d is string => d !== null))].sort();
    const byDesk: Record<string, Balance> = Object.fromEntries(desks.map((d) => [d, balanceOf(ledger, { deskId: d })]));
    const anomalies: LedgerAnomaly[] = ledger.anomalies;
    return { checkpointId: device.checkpointId, total: balanceOf(ledger), byDesk, anomalies };
  });
}
