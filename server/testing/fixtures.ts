import type { FastifyInstance } from 'fastify';
import { buildServer } from '../app.ts';
import type { Db } from '../db/db.ts';
import { registerDevice, type Device } from '../sync/devices.ts';
import type { TestDatabase } from './test-databases.ts';
import type { Crossing, CrossingInput } from '../../shared/documents/crossing.ts';
import type { JournalEntryInput } from '../../shared/documents/journal-entry.ts';
import { formatHlc } from '../../shared/ids/hlc.ts';
import { addDays, kzDate } from '../../shared/rules/local-date.ts';
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

/**
 * A journal entry as a desk records it: by default an entry mark on the demo's unused domestic permit
 * KZ000101 at Dostyk-avto, with every journal field empty that the event leaves empty. An entry mark on
 * a domestic or China permit carries its exit deadline (p.50): unless given, the last day allowed, 30
 * days after the day of entry in Kazakhstan.
 */
export function deskJournalEntry(over: Partial<JournalEntryInput> = {}): JournalEntryInput {
  const nowMs = Date.now();
  const entry: JournalEntryInput = {
    id: ulid(nowMs),
    event: 'entry-mark',
    documentId: 'dom-KZ000101',
    documentKind: 'kz-domestic-permit',
    documentNumber: 'KZ000101',
    direction: 'entry',
    checkpointId: 'dostyk-avto',
    deskId: 'dostyk-avto-1',
    officerName: 'Сәрсенбаев Ә.',
    occurredAt: new Date(nowMs).toISOString(),
    hlc: formatHlc({ wallMs: nowMs, counter: counter++ % 100_000, node: 'dostyk-avto-1' }),
    carrierName: '',
    carrierCountry: '',
    carrierAddress: '',
    dispatchCountry: '',
    destinationCountry: '',
    route: '',
    vehicleMake: '',
    vehiclePlate: '01A123BC',
    trailerPlate: '',
    permitType: '',
    permitValidTo: '',
    permitIssued: '',
    permitReceivedOn: '',
    feeDocument: null,
    carrierSigned: null,
    exitDeadline: '',
    goods: [],
    declarationNumber: '',
    exemption: null,
    seal: null,
    soldPermit: null,
    reasons: [],
    provisional: false,
    dataSyncedAt: nowMs,
    ...over,
  };
  const marksPermit = entry.event === 'entry-mark' && (entry.documentKind === 'kz-domestic-permit' || entry.documentKind === 'cn-permit');
  if (marksPermit && over.exitDeadline === undefined) entry.exitDeadline = addDays(kzDate(Date.parse(entry.occurredAt)), 30);
  return entry;
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
export async function openTestServer(database: TestDatabase, devices: [token: string, device: Omit<Device, 'role'> & Partial<Pick<Device, 'role'>>][]): Promise<{ db: Db; app: FastifyInstance; close(): Promise<void> }> {
  const { db, drop } = await database.open();
  for (const [token, device] of devices) await registerDevice(db, token, device);
  const app = buildServer({ db });
  return {
    db,
    app,
    async close() {
      await app.close();
      await drop();
    },
  };
}
