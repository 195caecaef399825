import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CPermit } from '../../shared/documents/c-permit.ts';
import { feeRateTableSchema, type FeeRateTable } from '../../shared/documents/fee-rates.ts';
import { readRegistryDocument, type RegistryDocument, type RegistryPresented } from '../../shared/documents/registry-document.ts';
import { PERMIT_CSV_COLUMNS, permitToCsvCells } from '../../shared/import/permit-import.ts';
import { SYNC_PREFIX } from '../../shared/sync/replication.ts';
import type { Db } from '../db/db.ts';
import { demoRegistry } from '../demo/demo-registry.ts';
import { demoFeeRateTables, demoPermit, seedDemo } from '../demo/seed.ts';
import { openTestServer, pullAll, TOKEN } from '../testing/fixtures.ts';
import { TEST_DATABASES } from '../testing/test-databases.ts';
import { ADMIN_API } from './admin-routes.ts';

const ADMIN = 'central-admin-token-0123456789abcdef';
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const HAS_POPPLER = (() => {
  try {
    execFileSync('sh', ['-c', 'command -v pdftotext']);
    return true;
  } catch {
    return false;
  }
})();

/** A new permit the demo does not hold: demo numbering from 900,000 on. */
const fresh = (i: number): CPermit => {
  const p = demoPermit(900_000 + i, '2026-12-02');
  return { ...p, id: `imp-${i}`, applicationNumber: `A26-${String(900_000 + i).slice(-6)}`, addendumNumber: `D26-${String(900_000 + i).slice(-6)}` };
};

describe.each(TEST_DATABASES)('the central administrator on $name', (database) => {
  let db: Db;
  let app: FastifyInstance;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ db, app, close } = await openTestServer(database, [
      [TOKEN, { checkpointId: 'dostyk-avto', deskId: 'dostyk-avto-1' }],
      [ADMIN, { checkpointId: 'centre', deskId: 'admin', role: 'admin' }],
    ]));
    await seedDemo(db, { permits: 20, today: '2026-12-02' });
  });
  afterAll(() => close());

  const post = (path: string, payload: object, token = ADMIN) => app.inject({ method: 'POST', url: `${ADMIN_API}${path}`, headers: bearer(token), payload });
  const get = (path: string, token = ADMIN) => app.inject({ method: 'GET', url: `${ADMIN_API}${path}`, headers: bearer(token) });

  it('opens only to an administrator’s token, and that token opens nothing else', async () => {
    expect((await app.inject({ method: 'GET', url: `${ADMIN_API}/overview` })).statusCode).toBe(401);
    expect((await get('/overview', TOKEN)).statusCode).toBe(403);
    expect((await post('/allocate', { checkpointId: 'kolzhat', series: 'C', from: 7_000_001, to: 7_000_010, by: 'x' }, TOKEN)).statusCode).toBe(403);
    expect((await get('/overview')).statusCode).toBe(200);
    // The administrator's token is not a desk's: no sync, no enrolment.
    expect((await app.inject({ method: 'GET', url: `${SYNC_PREFIX}/permits/pull?seq=0&limit=10`, headers: bearer(ADMIN) })).statusCode).toBe(401);
    // Same-origin page: no CORS on /admin, while sync keeps it for the desks.
    expect((await get('/overview')).headers['access-control-allow-origin']).toBeUndefined();
  });

  it('allocates a range to a checkpoint, in transit for its desks, and never allocates a known number again', async () => {
    const res = await post('/allocate', { checkpointId: 'dostyk-avto', series: 'C', from: 3_000_001, to: 3_000_250, by: 'Орталық әкімші' });
    expect(res.statusCode).toBe(200);
    const overview = (await get('/overview')).json();
    expect(overview.checkpoints.find((c: { checkpointId: string }) => c.checkpointId === 'dostyk-avto').balance.allocated).toBe(250 + 500); // and the demo's consignment
    const pulled = (await pullAll(app, 'blankEvents', 1000)).docs;
    expect(pulled.filter((d) => d.type === 'allocated' && d.rangeFrom === 3_000_001)).toHaveLength(1);

    // Overlaps with this allocation, with the demo stock, and with a range inside another: refused, named, nothing written.
    for (const [from, to, first] of [[3_000_200, 3_000_300, 'C3000200'], [100_950, 101_050, 'C0100950'], [3_000_010, 3_000_020, 'C3000010']] as const) {
      const again = await post('/allocate', { checkpointId: 'kolzhat', series: 'C', from, to, by: 'x' });
      expect(again.statusCode).toBe(409);
      expect(again.json().refusal).toMatchObject({ code: 'overlap' });
      expect(again.json().refusal.numbers[0]).toBe(first);
    }
    expect((await post('/allocate', { checkpointId: 'kolzhat', series: 'C', from: 1, to: 200_000, by: 'x' })).json().refusal.code).toBe('too-large');
    expect((await post('/allocate', { checkpointId: 'kolzhat', series: 'C', from: 10, to: 5, by: 'x' })).json().refusal.code).toBe('bad-range');
    expect((await post('/allocate', { checkpointId: 'nowhere', series: 'C', from: 1, to: 5, by: 'x' })).statusCode).toBe(400);
    // Two administrators at once with the same range: one allocation, one refusal.
    const both = await Promise.all([1, 2].map(() => post('/allocate', { checkpointId: 'kolzhat', series: 'C', from: 4_000_001, to: 4_000_100, by: 'x' })));
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const [{ n }] = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM blank_events WHERE doc->>'type' = 'allocated' AND (doc->>'rangeFrom')::int = 4000001`)) as [{ n: number }];
    expect(n).toBe(1);
  });

  it('imports permits all or nothing, or the valid rows, with every rejected row named', async () => {
    const count = async () => ((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM permits')) as [{ n: number }])[0].n;
    const before = await count();
    const bad = { ...fresh(3), vehicle: { ...fresh(3).vehicle, plate: '' } };
    const file = JSON.stringify([fresh(1), fresh(2), bad, fresh(1)]);

    const dry = (await post('/import/permits', { format: 'json', text: file, mode: 'valid', dryRun: true })).json();
    expect(dry).toMatchObject({ total: 4, accepted: 2, written: 0 });
    expect(await count()).toBe(before);

    const all = (await post('/import/permits', { format: 'json', text: file, mode: 'all' })).json();
    expect(all.written).toBe(0);
    expect(all.rejected.map((r: { row: number; errors: string[] }) => [r.row, r.errors[0]])).toEqual([
      [3, 'vehicle.plate: Too small: expected string to have >=1 characters'],
      [4, 'id imp-1 is also in row 1'],
    ]);
    // The same as data, for the page to word in the administrator's language.
    expect(all.rejected[0].problems).toEqual([{ code: 'missing', field: 'vehicle.plate', detail: 'Too small: expected string to have >=1 characters' }]);
    expect(all.rejected[1].problems).toEqual([
      { code: 'twice-in-file', field: 'id', value: 'imp-1', row: 1 },
      { code: 'twice-in-file', field: 'applicationNumber', value: fresh(1).applicationNumber, row: 1 },
    ]);
    expect(await count()).toBe(before);

    const valid = (await post('/import/permits', { format: 'json', text: file, mode: 'valid' })).json();
    expect(valid).toMatchObject({ accepted: 2, written: 2 });
    expect(await count()).toBe(before + 2);
    // The desks get them by sync, with the centre's write time.
    const ids = (await pullAll(app, 'permits', 1000)).docs.map((d) => d.id);
    expect(ids).toEqual(expect.arrayContaining(['imp-1', 'imp-2']));

    const twice = (await post('/import/permits', { format: 'json', text: JSON.stringify([fresh(2)]), mode: 'valid' })).json();
    expect(twice.rejected[0].errors).toContain('id imp-2 is already in the registry');
    expect(await count()).toBe(before + 2);
  });

  it('imports CSV as Excel writes it (semicolons, BOM, quoted commas), and refuses an unreadable file whole', async () => {
    const rows = [fresh(10), { ...fresh(11), trailer: null, carrier: { ...fresh(11).carrier, nameRu: 'ТОО "Әлем; Логистика", филиал' } }];
    const quote = (s: string) => (/[;"\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    const csv = `\uFEFF${PERMIT_CSV_COLUMNS.join(';')}\r\n${rows.map((p) => permitToCsvCells(p).map(quote).join(';')).join('\r\n')}\r\n`;
    const res = (await post('/import/permits', { format: 'csv', text: csv, mode: 'all' })).json();
    expect(res).toMatchObject({ total: 2, accepted: 2, written: 2, rejected: [] });
    const [stored] = (await db.query<{ doc: CPermit }>(`SELECT doc FROM permits WHERE id = 'imp-11'`)) as [{ doc: CPermit }];
    expect({ ...stored.doc, updatedAt: 0 }).toEqual({ ...rows[1], updatedAt: 0 });

    const open = await post('/import/permits', { format: 'csv', text: `${PERMIT_CSV_COLUMNS.join(',')}\n"imp-20,A26-900020\n`, mode: 'valid' });
    expect(open.statusCode).toBe(400);
    expect(open.json().issues[0]).toBe('line 2: a quoted field is never closed');
    expect(open.json().problem).toEqual({ code: 'unclosed-quote', line: 2 });
    expect((await post('/import/permits', { format: 'csv', text: 'id,colour\n1,red\n', mode: 'valid' })).json().issues[0]).toMatch(/^unknown columns: colour/);
  });

  it('imports registry documents all or nothing; a changed one reaches the desks again, an unchanged one does not', async () => {
    const demo = (id: string) => readRegistryDocument(demoRegistry('2026-12-02').find((d) => d.id === id)!)!;
    const domestic = { ...(demo('dom-KZ000101') as Extract<RegistryPresented, { kind: 'kz-domestic-permit' }>), number: '000777', vehiclePlate: '02 KG 555 AAA' };
    const licence = { ...(demo('lic-LIC-2026-0077') as Extract<RegistryPresented, { kind: 'licence-004' }>), number: 'lic-2026-0088' };
    const batch = [
      { id: 'dom-KZ000777', document: domestic },
      { id: 'lic-LIC-2026-0088', document: licence },
    ];
    const count = async () => ((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM documents')) as [{ n: number }])[0].n;
    const before = await count();

    // Administrators only.
    expect((await app.inject({ method: 'POST', url: `${ADMIN_API}/documents`, payload: { documents: batch } })).statusCode).toBe(401);
    expect((await post('/documents', { documents: batch }, TOKEN)).statusCode).toBe(403);
    expect(await count()).toBe(before);

    // One bad row refuses the batch, each problem named by its index and field.
    const bad = await post('/documents', { documents: [batch[0], { id: 'lic-X', document: { ...licence, validTo: '14.01.2027' } }, { id: 'c-1', document: fresh(1) }, batch[0]] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().rows).toEqual([
      { index: 1, path: 'document.validTo', message: 'date must be YYYY-MM-DD' },
      { index: 2, path: 'document.kind', message: 'C-permits are imported through /admin/api/import/permits' },
      { index: 3, path: 'id', message: 'id dom-KZ000777 is also at index 0' },
    ]);
    expect(bad.json().issues[0]).toBe('documents.1.document.validTo: date must be YYYY-MM-DD');
    expect(bad.body).not.toMatch(/\bat .*\.ts:\d+/);
    expect((await post('/documents', { documents: [{ id: '', document: licence }] })).json().rows).toEqual([expect.objectContaining({ index: 0, path: 'id' })]);
    expect((await post('/documents', { documents: Array.from({ length: 5001 }, () => batch[0]) })).statusCode).toBe(400);
    expect(await count()).toBe(before);

    // Stored with the keys a desk looks them up by, and pulled by the desks.
    const { docs: pulledBefore } = await pullAll(app, 'documents', 1000);
    const ok = await post('/documents', { documents: batch });
    expect(ok.json()).toEqual({ stored: 2, changed: 2 });
    expect(await count()).toBe(before + 2);
    const { docs } = await pullAll(app, 'documents', 1000);
    expect(docs.slice(pulledBefore.length).map((d) => [d.id, d.kind, d.number, d.plate])).toEqual([
      ['dom-KZ000777', 'kz-domestic-permit', 'KZ000777', '02KG555AAA'],
      ['lic-LIC-2026-0088', 'licence-004', 'LIC-2026-0088', ''],
    ]);
    expect(readRegistryDocument(docs.at(-1) as RegistryDocument)).toEqual(licence);

    // The same file again changes nothing; a changed document is published again, and only it.
    const [{ last }] = (await db.query<{ last: number }>(`SELECT last_seq::float8 AS last FROM collection_seq WHERE name = 'documents'`)) as [{ last: number }];
    expect((await post('/documents', { documents: batch })).json()).toEqual({ stored: 2, changed: 0 });
    const since = async () => (await app.inject({ url: `${SYNC_PREFIX}/documents/pull?seq=${last}`, headers: bearer(TOKEN) })).json().documents.map((d: { id: string; document: { status: string } }) => [d.id, d.document.status]);
    expect(await since()).toEqual([]);
    expect((await post('/documents', { documents: [{ id: 'dom-KZ000777', document: { ...domestic, status: 'annulled' } }, batch[1]] })).json()).toEqual({ stored: 2, changed: 1 });
    expect(await since()).toEqual([['dom-KZ000777', 'annulled']]);
    expect(await count()).toBe(before + 2);
  });

  it('refuses registry documents that share a lookup number, in the batch or with a stored one, or carry an unknown field', async () => {
    type Domestic = Extract<RegistryPresented, { kind: 'kz-domestic-permit' }>;
    type China = Extract<RegistryPresented, { kind: 'cn-permit' }>;
    const demo = (id: string) => readRegistryDocument(demoRegistry('2026-12-02').find((d) => d.id === id)!)!;
    const domestic = (series: string, number: string): Domestic => ({ ...(demo('dom-KZ000101') as Domestic), series, number });
    const china = (number: string): China => ({ ...(demo('cn-CN2026C00017') as China), number });
    const count = async () => ((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM documents')) as [{ n: number }])[0].n;
    const stored = async (id: string) => (await db.query<{ doc: RegistryDocument }>('SELECT doc FROM documents WHERE id = $1', [id]))[0]?.doc;
    const before = await count();
    const refused = async (documents: object[], rows: object[]) => {
      const res = await post('/documents', { documents });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().rows).toEqual(rows);
    };

    // Two documents of one batch under one lookup key: series KZ + 000901, and a China permit typed КZ000901
    // with a Cyrillic К, or КЗ000901 as a Cyrillic keyboard types the series.
    const newDomestic = { id: 'dom-KZ000901', document: domestic('KZ', '000901') };
    await refused([newDomestic, { id: 'cn-KZ000901', document: china('КZ000901') }], [{ index: 1, path: 'document', message: 'its number KZ000901 is also at index 0' }]);
    await refused([newDomestic, { id: 'cn-KZ000901', document: china('кз 000901') }], [{ index: 1, path: 'document', message: 'its number KZ000901 is also at index 0' }]);
    await refused([{ id: 'cn-A', document: china('CN-0950') }, { id: 'cn-B', document: china('cn-0950') }], [{ index: 1, path: 'document', message: 'its number CN-0950 is also at index 0' }]);
    expect(await count()).toBe(before);

    // A number the registry already holds under another id, however it is typed, beside a good row: nothing stored.
    await refused([newDomestic, { id: 'cn-KZ000101', document: china('КZ000101') }], [{ index: 1, path: 'document', message: 'its number KZ000101 is already document dom-KZ000101' }]);
    await refused([{ id: 'dom-KZ000101-bis', document: domestic('KZ', '000101') }, newDomestic], [{ index: 0, path: 'document', message: 'its number KZ000101 is already document dom-KZ000101' }]);
    await refused([{ id: 'dom-CN2026C00017', document: domestic('CN', '2026C00017') }], [{ index: 0, path: 'document', message: 'its number CN2026C00017 is already document cn-CN2026C00017' }]);
    expect(await count()).toBe(before);
    expect(await stored('dom-KZ000901')).toBeUndefined();

    // A misspelt field, at the top of the document or inside a mark: refused, not dropped.
    await refused([newDomestic, { id: 'dom-KZ000902', document: { ...domestic('KZ', '000902'), trailerPlat: '01XA9999' } }], [{ index: 1, path: 'document.trailerPlat', message: 'unknown field' }]);
    const mark = { type: 'entry', checkpointId: 'kolzhat', at: '2026-11-20T10:00:00.000+05:00', exitDeadline: '2026-12-20', exitDeadlne: '2026-12-21' };
    await refused([{ id: 'dom-KZ000903', document: { ...domestic('KZ', '000903'), marks: [mark] } }], [{ index: 0, path: 'document.marks.0.exitDeadlne', message: 'unknown field' }]);
    expect(await count()).toBe(before);

    // Re-importing a stored document under its own id is fine, and so is the batch once it is clean.
    const again = await post('/documents', { documents: [{ id: 'dom-KZ000101', document: demo('dom-KZ000101') }, newDomestic] });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toEqual({ stored: 2, changed: 1 });
    expect(await count()).toBe(before + 1);
    expect((await stored('dom-KZ000901'))?.number).toBe('KZ000901');
  });

  it('imports transit-passage fee tables strictly, all or nothing; a changed one reaches the desks again, an unchanged one does not', async () => {
    const table = (id: string, validFrom: string, goods = 20): FeeRateTable => ({
      id,
      validFrom,
      source: 'Tax Code art. 554 (test)',
      validDays: 10,
      rates: [
        { ground: 'unregistered-vehicle', vehicleClass: 'goods', mci: goods },
        { ground: 'no-balanced-exchange', vehicleClass: 'passenger', mci: 9.5 },
      ],
    });
    const batch = [table('tc-2027', '2027-01-01'), table('tc-2026-07', '2026-07-01')];
    const stored = async () => (await db.query<{ id: string; seq: number }>('SELECT id, seq::float8 AS seq FROM fee_rates ORDER BY seq')).map((r) => `${r.id}@${r.seq}`);
    const before = await stored();
    expect(before).toEqual(['demo-transit-fees@1']);

    // Administrators only, to read as to write.
    expect((await app.inject({ method: 'POST', url: `${ADMIN_API}/fee-rates`, payload: { tables: batch } })).statusCode).toBe(401);
    expect((await post('/fee-rates', { tables: batch }, TOKEN)).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: `${ADMIN_API}/fee-rates` })).statusCode).toBe(401);
    expect((await get('/fee-rates', TOKEN)).statusCode).toBe(403);
    expect(await stored()).toEqual(before);

    // One bad table refuses the call, each problem named by its index and field.
    const bad = await post('/fee-rates', {
      tables: [
        batch[0],
        { ...table('tc-x', '2026-02-30'), currency: 'KZT' },
        { ...table('tc-y', '2026-08-01'), rates: [...batch[0]!.rates, { ground: 'unregistered-vehicle', vehicleClass: 'goods', mci: 1, note: 'again' }] },
        { ...table('tc-z', '2026-09-01'), validDays: 0 },
        table('tc-2027', '2026-10-01'),
        table('tc-w', '2027-01-01'),
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().rows).toEqual([
      { index: 1, path: 'currency', message: 'unknown field' },
      { index: 1, path: 'validFrom', message: '2026-02-30 is not a calendar date' },
      { index: 2, path: 'rates.2.note', message: 'unknown field' },
      { index: 2, path: 'rates.2', message: 'unregistered-vehicle / goods is also at rates.0' },
      { index: 3, path: 'validDays', message: expect.any(String) },
      { index: 4, path: 'id', message: 'id tc-2027 is also at index 0' },
      { index: 5, path: 'validFrom', message: 'the table at index 0 also takes effect on 2027-01-01' },
    ]);
    expect(bad.json().issues[0]).toBe('tables.1.currency: unknown field');
    expect((await post('/fee-rates', { tables: Array.from({ length: 101 }, (_, i) => table(`t${i}`, `2030-01-${String((i % 28) + 1).padStart(2, '0')}`)) })).statusCode).toBe(400);
    expect((await post('/fee-rates', { tables: 'all' })).statusCode).toBe(400);
    // A table of another id taking effect the day a stored one does: the desks could not tell which is in force.
    const clash = await post('/fee-rates', { tables: [batch[0], table('tc-other', demoFeeRateTables('2026-12-02')[0]!.validFrom)] });
    expect(clash.statusCode).toBe(400);
    expect(clash.json().rows).toEqual([{ index: 1, path: 'validFrom', message: 'stored table demo-transit-fees already takes effect on 2026-01-01' }]);
    expect(await stored()).toEqual(before);

    // Stored and pulled by the desks after the demo's table.
    const ok = await post('/fee-rates', { tables: batch });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ stored: 2, changed: 2 });
    const { docs } = await pullAll(app, 'feeRates', 1000);
    expect(docs.map(({ _deleted, ...d }) => feeRateTableSchema.parse(d))).toEqual([...demoFeeRateTables('2026-12-02'), ...batch]);
    expect((await get('/fee-rates')).json().tables.map((t: FeeRateTable) => t.id)).toEqual(['tc-2027', 'tc-2026-07', 'demo-transit-fees']);

    // The same call again changes nothing; a changed table is published again, and only it.
    const [{ last }] = (await db.query<{ last: number }>(`SELECT last_seq::float8 AS last FROM collection_seq WHERE name = 'feeRates'`)) as [{ last: number }];
    expect((await post('/fee-rates', { tables: batch })).json()).toEqual({ stored: 2, changed: 0 });
    const since = async () => (await app.inject({ url: `${SYNC_PREFIX}/feeRates/pull?seq=${last}`, headers: bearer(TOKEN) })).json().documents.map((d: FeeRateTable) => [d.id, d.rates[0]!.mci]);
    expect(await since()).toEqual([]);
    expect((await post('/fee-rates', { tables: [table('tc-2026-07', '2026-07-01', 25), batch[0]] })).json()).toEqual({ stored: 2, changed: 1 });
    expect(await since()).toEqual([['tc-2026-07', 25]]);
    expect((await stored()).length).toBe(3);
  });

  it('makes the centre’s reports as PDF, CSV and XLSX', async () => {
    const redeemed = await get('/reports/permits-redeemed-by-country?from=2026-12-01&to=2026-12-31&format=pdf');
    expect(redeemed.statusCode).toBe(200);
    expect(redeemed.headers['content-type']).toBe('application/pdf');
    expect(redeemed.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const monthly = await get('/reports/monthly-blank-report?month=2026-12&format=csv&lang=ru');
    expect(monthly.statusCode).toBe(200);
    expect(monthly.body.startsWith('\uFEFF')).toBe(true);
    expect(monthly.headers['content-disposition']).toBe('attachment; filename="monthly-blank-report-' + /\d{4}-\d{2}-\d{2}/.exec(monthly.headers['content-disposition'] as string)![0] + '-ru.csv"');
    expect(monthly.body).toContain('Достык-авто');
    const xlsx = await get('/reports/monthly-blank-report?month=2026-12&format=xlsx');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    if (HAS_POPPLER) {
      const dir = mkdtempSync(join(tmpdir(), 'shekara-admin-'));
      writeFileSync(join(dir, 'r.pdf'), redeemed.rawPayload);
      expect(execFileSync('pdftotext', [join(dir, 'r.pdf'), '-'], { encoding: 'utf8' })).toMatch(/КНР|ҚХР/);
    }
    expect((await get('/reports/monthly-blank-report?format=csv')).statusCode).toBe(400);
    expect((await get('/reports/permits-redeemed-by-country?from=2026-12-31&to=2026-12-01')).statusCode).toBe(400);
    expect((await get('/reports/everything')).statusCode).toBe(404);
  });
});
