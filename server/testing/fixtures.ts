import type { FastifyInstance } from 'fastify';
import { buildServer, type ServerOptions } from '../app.ts';
import type { Db } from '../db/db.ts';
import { registerDevice, type Device } from '../sync/devices.ts';
import type { TestDatabase } from './test-databases.ts';
import type { Crossing, CrossingInput } from '../../shared/documents/crossing.ts';
import { formatHlc } from '../../shared/ids/hlc.ts';
import { ulid } from '../../shared/ids/ulid.ts';
import { SYNC_PREFIX, type PushRow, type Replicated } from '../../shared/sync/replication.ts';

export const TOKEN = 'test-device-token-0123456789abcdef';
export const auth = { authorization: `Bearer ${TOKEN}` };

let counter = 0;

/** A crossing as the desk makes it, with the fields the desk sends but the centre ignores. */
export function deskCrossing(over: Partial<CrossingInput> = {}): Replicated<Crossing> {
  const nowMs = Date.now();
  return {
    id: ulid(nowMs),
    permitId: 'A26-000001',
    documentNumber: 'A26-000001',
    direction: 'exit',
    checkpointId: 'dostyk-avto',
    deskId: 'dostyk-avto-1',
    officerName: 'Сәрсенбаев Ә.',
    plate: '123ABC02',
    occurredAt: new Date(nowMs).toISOString(),
    hlc: formatHlc({ wallMs: nowMs, counter: counter++ % 100_000, node: 'dostyk-avto-1' }),
    receivedAt: 0,
    ...over,
    _deleted: false,
  };
}

export const rowsOf = (docs: Replicated<Crossing>[]): PushRow<Crossing>[] => docs.map((d) => ({ assumedMasterState: null, newDocumentState: d }));

export function push(app: FastifyInstance, docs: Replicated<Crossing>[] | unknown, collection = 'crossings') {
  return app.inject({ method: 'POST', url: `${SYNC_PREFIX}/${collection}/push`, headers: auth, payload: Array.isArray(docs) ? rowsOf(docs as Replicated<Crossing>[]) : (docs as object) });
}

export async function pullAll(app: FastifyInstance, collection: string, limit: number, headers: Record<string, string> = auth): Promise<{ docs: Record<string, unknown>[]; pages: number }> {
  const docs: Record<string, unknown>[] = [];
  let seq = 0;
  for (let pages = 1; ; pages++) {
    const res = await app.inject({ url: `${SYNC_PREFIX}/${collection}/pull?seq=${seq}&limit=${limit}`, headers });
    if (res.statusCode !== 200) throw new Error(`pull ${res.statusCode}: ${res.body}`);
    const body = res.json() as { documents: Record<string, unknown>[]; checkpoint: { seq: number } };
    if (body.documents.length === 0) {
      if (body.checkpoint.seq !== seq) throw new Error('empty page moved the checkpoint');
      return { docs, pages };
    }
    if (!(body.checkpoint.seq > seq)) throw new Error('checkpoint did not advance');
    docs.push(...body.documents);
    seq = body.checkpoint.seq;
  }
}

/** A server on a fresh test database with these devices registered; close() drops it all. */
export async function openTestServer(
  database: TestDatabase,
  devices: [token: string, device: Omit<Device, 'role'> & Partial<Pick<Device, 'role'>>][],
  options: Omit<ServerOptions, 'db'> = {},
): Promise<{ db: Db; app: FastifyInstance; close(): Promise<void> }> {
  const { db, drop } = await database.open();
  for (const [token, device] of devices) await registerDevice(db, token, device);
  const app = buildServer({ db, ...options });
  return {
    db,
    app,
    async close() {
      await app.close();
      await drop();
    },
  };
}
