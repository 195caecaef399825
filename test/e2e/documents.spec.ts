import { expect, test, type Page } from '@playwright/test';
import { logIn } from './log-in.ts';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { documentKey } from '../../shared/documents/registry-document.ts';
import { ulid } from '../../shared/ids/ulid.ts';
import { SYNC_PREFIX } from '../../shared/sync/replication.ts';
import { documentsKk } from '../../renderer/i18n/documents-kk.ts';
import { documentsRu } from '../../renderer/i18n/documents-ru.ts';
import { newDeviceToken, startCentral, startWebHost, tempDir, type CentralOptions, type Running } from '../support/processes.ts';

/**
 * The officer's desk for documents other than C-permits, end to end in Chromium against the demo
 * registry (server/demo/demo-registry.ts): entry and exit marks on a domestic permit with the journal
 * searched and exported; an export permit's goods written off and an exemption recorded; a navigation
 * seal applied and a broken one found; and a mark made during an outage, provisional, that the centre's
 * re-check disputes once another desk's earlier mark arrives.
 */
let central: Running;
let desk: Running;
let centralOpts: CentralOptions;
let printed: string;
const deviceToken = newDeviceToken();
const kolzhatToken = newDeviceToken();

test.beforeAll(async () => {
  centralOpts = { dataDir: await tempDir('central-docs'), deviceToken, demoPermits: 20, moreDevices: [{ token: kolzhatToken, checkpoint: 'kolzhat', desk: 'kolzhat-1' }] };
  central = await startCentral(centralOpts);
  const deskDir = await tempDir('desk-docs');
  printed = join(deskDir, 'printed');
  desk = await startWebHost({ serverUrl: central.url, deviceToken, dataDir: deskDir, documentPrinter: `file:${printed}` });
});

test.afterAll(async () => {
  await desk?.stop();
  await central?.stop();
});

async function open(page: Page, lang: 'kk' | 'ru') {
  await page.goto(desk.url);
  await logIn(page, lang === 'kk' ? 'asqar' : 'maria');
  await page.getByTestId(`lang-${lang}`).click();
  await expect(page.getByTestId('sync-online')).toHaveAttribute('data-online', 'true', { timeout: 30_000 });
}

async function scan(page: Page, number: string) {
  await page.getByTestId('scan-input').fill(number);
  await page.getByTestId('scan-input').press('Enter');
  await expect(page.getByTestId('doc-number')).toHaveText(documentKey(number), { timeout: 20_000 });
}

const reasons = (page: Page) => page.getByTestId('doc-verdict-reasons').locator('li');

/** The desk's own wording, with its placeholders filled: the second language of each flow checks against it. */
const say = (template: string, params: Record<string, string> = {}) => template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => params[k] ?? '');
const prefix = (template: string) => template.split('{{')[0]!;

/** A mark made at Kolzhat's desk, pushed straight to the centre as that desk would. */
async function kolzhatExitMark(documentId: string, number: string, plate: string, agoMs: number) {
  const there = {
    id: ulid(Date.now() - agoMs), event: 'exit-mark', documentId, documentKind: 'cn-permit', documentNumber: number, direction: 'exit', checkpointId: 'kolzhat', deskId: 'kolzhat-1', officerName: 'Ахметов Б.',
    occurredAt: new Date(Date.now() - agoMs).toISOString(), hlc: `${String(Date.now() - agoMs).padStart(13, '0')}-00000-kolzhat-1`, carrierName: '', carrierCountry: 'CN', carrierAddress: '', dispatchCountry: 'KZ', destinationCountry: 'CN', route: '', vehicleMake: '',
    vehiclePlate: plate, trailerPlate: '', permitType: 'CN-C', permitValidTo: '', permitIssued: '', permitReceivedOn: '', feeDocument: null, carrierSigned: null, exitDeadline: '', goods: [], declarationNumber: '',
    exemption: null, seal: null, soldPermit: null, reasons: [], provisional: true, dataSyncedAt: null,
  };
  const res = await fetch(`${central.url}${SYNC_PREFIX}/journal/push`, { method: 'POST', headers: { authorization: `Bearer ${kolzhatToken}`, 'content-type': 'application/json' }, body: JSON.stringify([{ assumedMasterState: null, newDocumentState: there }]) });
  expect(res.status).toBe(200);
}

test('entry and exit marks on a domestic permit, written into the journal and exported (Kazakh)', async ({ page }) => {
  await open(page, 'kk');
  // Typed the way an officer reads it off the blank, with a space.
  await scan(page, 'kz 000101');
  await expect(page.getByTestId('registry-document')).toHaveAttribute('data-kind', 'kz-domestic-permit');
  await expect(page.getByTestId('direction-entry')).toHaveAttribute('aria-pressed', 'true');
  // Until dispatch and destination are in (journal fields 4-5) the form asks for them: no verdict yet.
  await expect(page.getByTestId('doc-verdict')).toHaveAttribute('data-status', 'incomplete');
  await expect(page.getByTestId('doc-verdict-status')).toHaveText('Толтырыңыз');
  await page.getByTestId('mark-from').fill('UZ');
  await page.getByTestId('mark-to').fill('KZ');
  await expect(page.getByTestId('doc-verdict')).toHaveAttribute('data-status', 'allowed');
  await expect(page.getByTestId('doc-verdict-status')).toHaveText('Өткізуге болады');

  // A deadline beyond 30 days is refused before anything is written (p.50).
  const deadline = await page.getByTestId('exit-deadline').inputValue();
  await page.getByTestId('exit-deadline').fill('2099-01-01');
  await expect(reasons(page)).toContainText(['Шығу мерзімі бүгіннен']);
  await expect(page.getByTestId('record-mark')).toBeDisabled();
  await page.getByTestId('exit-deadline').fill(deadline);
  // Another trailer than the permit's is refused (p.52).
  await page.getByTestId('mark-trailer').fill('99ZZ9999');
  await expect(page.locator('[data-reason="trailer-mismatch"]')).toBeVisible();
  await page.getByTestId('mark-trailer').fill('01XA4567');
  await page.getByTestId('mark-make').fill('MAN TGX 18.480');
  await page.getByTestId('mark-address').fill('Ташкент, Чиланзар');
  await page.getByTestId('mark-from').fill('UZ');
  await page.getByTestId('mark-to').fill('KZ');
  await page.getByTestId('record-mark').click();
  await expect(page.getByTestId('doc-notice')).toHaveText('Журналға жазылды');
  // One trip: a second entry is refused at once; the exit is allowed.
  await page.getByTestId('next-mark').click();
  await expect(page.locator('[data-reason="already-used"]')).toBeVisible();
  await expect(page.getByTestId('vehicle-history-row')).toHaveCount(1);
  await page.getByTestId('direction-exit').click();
  await expect(page.getByTestId('doc-verdict')).toHaveAttribute('data-status', 'allowed');
  await page.getByTestId('mark-from').fill('KZ');
  await page.getByTestId('mark-to').fill('UZ');
  await page.getByTestId('record-mark').click();
  await expect(page.getByTestId('doc-notice')).toHaveText('Журналға жазылды');
  await expect(page.getByTestId('vehicle-history-row')).toHaveCount(2);
  await page.screenshot({ path: 'test-results/documents-marks-kk.png', fullPage: true });

  // Marked on entry 40 days ago: the 30-day exit deadline has passed.
  await scan(page, 'KZ000102');
  await page.getByTestId('direction-exit').click();
  await expect(page.getByTestId('doc-verdict')).toHaveAttribute('data-status', 'refused');
  await expect(page.locator('[data-reason="exit-deadline-passed"]')).toContainText('Шығу мерзімі өтіп кеткен');
  await expect(page.getByTestId('record-mark')).toBeDisabled();
  // Annulled.
  await scan(page, 'KZ000103');
  await expect(page.locator('[data-reason="annulled"]')).toContainText('Рұқсаттың күші жойылған');

  // The journal: both marks, found by plate, with the 14 fields in the export.
  await page.getByTestId('tab-journal').click();
  await page.getByTestId('journal-search').fill('01A123BC');
  await expect(page.getByTestId('journal-row')).toHaveCount(2);
  await expect(page.getByTestId('journal-row').first()).toHaveAttribute('data-event', 'exit-mark');
  await expect(page.getByTestId('sync-waiting')).toHaveAttribute('data-count', '0', { timeout: 20_000 });
  await expect(page.getByTestId('journal-row').first()).not.toContainText('жіберілмеген');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('journal-export').click()]);
  const csv = await readFile((await download.path())!, 'utf8');
  const [header, ...rows] = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(header).toContain('Шетел тасымалдаушысының атауы;Тасымалдаушының елі;Тасымалдаушының орналасқан (тұрғылықты) орны;Жөнелту елі;Бару елі');
  expect(header).toContain('Рұқсат құжатын алу туралы тасымалдаушының қолы');
  expect(rows).toHaveLength(2);
  expect(rows[0]).toContain(';Шығу белгісі;KZ000101;');
  expect(rows[1]).toContain(';Кіру белгісі;KZ000101;dostyk-avto;dostyk-avto-1;Серікұлы Асқар;Toshkent Trans Logistic;UZ;Ташкент, Чиланзар;UZ;KZ;Ташкент — Жібек Жолы — Алматы;');
  expect(rows[1]).toContain(';MAN TGX 18.480;01A123BC;01XA4567;Екіжақты;');
  await page.screenshot({ path: 'test-results/documents-journal-kk.png', fullPage: true });

  // The centre holds both, as the desk wrote them.
  const res = await fetch(`${central.url}${SYNC_PREFIX}/journal/pull?seq=0&limit=100`, { headers: { authorization: `Bearer ${deviceToken}` } });
  const pulled = (await res.json()) as { documents: { documentNumber: string; event: string; trailerPlate: string; provisional: boolean }[] };
  expect(pulled.documents.filter((d) => d.documentNumber === 'KZ000101').map((d) => [d.event, d.trailerPlate, d.provisional])).toEqual([
    ['entry-mark', '01XA4567', false],
    ['exit-mark', '01XA4567', false],
  ]);
});

test('goods written off an export permit, and an exemption recorded (Russian)', async ({ page }) => {
  await open(page, 'ru');
  await page.getByTestId('plate-input').fill('555 ABC 02');
  await scan(page, 'EP-2026-0001');
  await expect(page.getByTestId('doc-facts')).toContainText('600 / 1000 kg');
  await page.getByTestId('line-qty-0').fill('700');
  await page.getByTestId('declaration').fill('55301/021226/0004567');
  await expect(page.locator('[data-reason="quantity-exceeded"]')).toContainText('Количество больше остатка: 700 > 600 kg');
  await expect(page.getByTestId('record-writeoff')).toBeDisabled();
  // A code the permit does not cover.
  await page.getByTestId('line-qty-0').fill('250');
  await page.getByTestId('add-line').click();
  await page.getByTestId('line-hs-1').fill('8421 23 000 0');
  await page.getByTestId('line-qty-1').fill('5');
  await expect(page.locator('[data-reason="hs-code-not-covered"]')).toContainText('Код 8421230000 не входит в разрешение');
  await page.locator('.goods-lines tbody tr').nth(1).getByRole('button').click();
  await expect(page.getByTestId('doc-verdict')).toHaveAttribute('data-status', 'allowed');
  await page.getByTestId('record-writeoff').click();
  await expect(page.getByTestId('doc-notice')).toHaveText('Записано в журнал');
  await expect(page.getByTestId('doc-facts')).toContainText('350 / 1000 kg');
  await page.screenshot({ path: 'test-results/documents-export-ru.png', fullPage: true });

  // Terminated permit.
  await scan(page, 'EP-2026-0002');
  await page.getByTestId('line-qty-0').fill('1');
  await page.getByTestId('declaration').fill('55301/021226/0004568');
  await expect(page.locator('[data-reason="terminated"]')).toContainText('Действие разрешения прекращено');

  // Listed goods without a permit, exempt on a CT-KZ certificate (O p.3(1)).
  await page.getByTestId('open-exemption').click();
  await page.getByTestId('ex-hs').fill('7308905100');
  await page.getByTestId('ex-qty').fill('120');
  await page.getByTestId('ex-country').fill('US');
  await expect(page.getByTestId('ex-out-of-scope')).toContainText('не государство СНГ');
  await page.getByTestId('ex-country').fill('kg');
  await expect(page.locator('[data-reason="exemption-basis-required"]')).toBeVisible();
  await page.getByTestId('ex-basis').selectOption('ct-kz');
  await page.getByTestId('ex-doc').fill('KZ-CT-2026-004411');
  await page.getByTestId('ex-declaration').fill('55301/021226/0004569');
  await page.getByTestId('record-exemption').click();
  await expect(page.getByTestId('ex-notice')).toHaveText('Записано в журнал');

  await page.getByTestId('tab-journal').click();
  await page.getByTestId('journal-search').fill('555ABC02');
  await expect(page.getByTestId('journal-row')).toHaveCount(2);
  await expect(page.locator('[data-testid="journal-row"][data-event="export-exemption"]')).toContainText('7308905100 120 kg');
  await expect(page.locator('[data-testid="journal-row"][data-event="export-write-off"]')).toContainText('Списание');
});

test('a navigation seal applied on entry, a broken one found on exit (Kazakh)', async ({ page }) => {
  await open(page, 'kk');
  await scan(page, 'NS-000451');
  await expect(page.getByTestId('seal-form')).toHaveAttribute('data-action', 'seal-applied');
  await page.getByTestId('seal-input').fill('NS-000459');
  await page.getByTestId('seal-intact').click();
  await expect(page.locator('[data-reason="seal-number-mismatch"]')).toContainText('NS-000459');
  await expect(page.getByTestId('record-seal')).toBeDisabled();
  await page.getByTestId('seal-input').fill('ns-000451');
  await expect(page.getByTestId('doc-verdict')).toHaveAttribute('data-status', 'allowed');
  await page.getByTestId('record-seal').click();
  await expect(page.getByTestId('doc-notice')).toHaveText('Журналға жазылды');
  await expect(page.getByTestId('doc-facts')).toContainText('Қойылған, белсенді');
  await expect(page.getByTestId('seal-form')).toHaveAttribute('data-action', 'seal-removed');

  await scan(page, 'NS-000452');
  await expect(page.getByTestId('seal-form')).toHaveAttribute('data-action', 'seal-removed');
  await page.getByTestId('seal-input').fill('NS-000452');
  await page.getByTestId('seal-broken').click();
  await expect(page.locator('[data-reason="seal-not-intact"]')).toContainText('көлікті ұстаңыз');
  await expect(page.getByTestId('record-seal')).toHaveText('Бұзылған пломбаны тіркеу, көлікті ұстау');
  await page.getByTestId('record-seal').click();
  await expect(page.getByTestId('doc-notice')).toHaveText('Журналға жазылды');
  await expect(page.getByTestId('doc-facts')).toContainText('Алынған');
  await expect(page.getByTestId('seal-form')).toHaveAttribute('data-action', 'done');
  await expect(page.locator('[data-reason="seal-already-removed"]')).toBeVisible();
  await page.screenshot({ path: 'test-results/documents-seal-kk.png', fullPage: true });
});

test('entry and exit marks on a domestic permit, and the journal exported (Russian)', async ({ page }) => {
  const L = documentsRu;
  await open(page, 'ru');
  await scan(page, 'КZ 000104');
  await expect(page.getByTestId('doc-verdict-status')).toHaveText(L.doc.incomplete);
  await page.getByTestId('mark-make').fill('КамАЗ 5490');
  await page.getByTestId('mark-from').fill('KG');
  await page.getByTestId('mark-to').fill('KZ');
  await expect(page.getByTestId('doc-verdict-status')).toHaveText(L.doc.allowed);
  // Loading and unloading both in Kazakhstan: cabotage, which the permit does not allow (p.52).
  await page.getByTestId('mark-from').fill('KZ');
  await expect(page.locator('[data-reason="cabotage-not-permitted"]')).toContainText(L.docReason['cabotage-not-permitted']);
  await page.getByTestId('mark-from').fill('KG');
  await page.getByTestId('record-mark').click();
  await expect(page.getByTestId('doc-notice')).toHaveText(L.doc.recorded);
  await page.getByTestId('next-mark').click();
  await page.getByTestId('direction-exit').click();
  await expect(page.getByTestId('doc-verdict-status')).toHaveText(L.doc.allowed);
  await page.getByTestId('record-mark').click();
  await expect(page.getByTestId('doc-notice')).toHaveText(L.doc.recorded);
  await page.getByTestId('tab-journal').click();
  await page.getByTestId('journal-search').fill('КZ000104');
  await expect(page.getByTestId('journal-row')).toHaveCount(2);
  await expect(page.getByTestId('journal-row').first()).toContainText(L.journal.event['exit-mark']);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('journal-export').click()]);
  const [header, ...rows] = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(header).toContain([L.journal.col.carrierName, L.journal.col.carrierCountry, L.journal.col.carrierAddress, L.journal.col.dispatchCountry, L.journal.col.destinationCountry, L.journal.col.route, L.journal.col.vehicleMake, L.journal.col.vehiclePlate, L.journal.col.trailerPlate, L.journal.col.permitType, L.journal.col.permitValidTo, L.journal.col.permitIssued, L.journal.col.permitReceivedOn, L.journal.col.feeDocument, L.journal.col.carrierSigned].join(';'));
  expect(rows[1]).toContain(`;${L.journal.event['entry-mark']};KZ000104;dostyk-avto;dostyk-avto-1;Иванова Мария;Ош Карго;KG;;KG;KZ;`);
  expect(rows[1]).toContain(`;КамАЗ 5490;02KG123ABC;02KG456ABC;${L.permitType.bilateral};`);
});

test('goods written off an export permit, and an exemption recorded (Kazakh)', async ({ page }) => {
  const L = documentsKk;
  await open(page, 'kk');
  await page.getByTestId('plate-input').fill('777 KZA 05');
  await scan(page, 'EP-2026-0003');
  await expect(page.getByTestId('doc-facts')).toContainText('600 / 1000 kg');
  await page.getByTestId('line-qty-0').fill('700');
  await page.getByTestId('declaration').fill('55301/021226/0007001');
  await expect(page.locator('[data-reason="quantity-exceeded"]')).toContainText(say(L.docReason['quantity-exceeded'], { declared: '700', left: '600', unit: 'kg' }));
  await page.getByTestId('line-qty-0').fill('599,5');
  await expect(page.getByTestId('doc-verdict')).toHaveAttribute('data-status', 'allowed');
  await page.getByTestId('record-writeoff').click();
  await expect(page.getByTestId('doc-notice')).toHaveText(L.doc.recorded);
  await expect(page.getByTestId('doc-facts')).toContainText('0.5 / 1000 kg');
  await scan(page, 'EP-2026-0002');
  await page.getByTestId('line-qty-0').fill('1');
  await page.getByTestId('declaration').fill('55301/021226/0007002');
  await expect(page.locator('[data-reason="terminated"]')).toContainText(L.docReason.terminated);
  await page.getByTestId('open-exemption').click();
  await page.getByTestId('ex-hs').fill('7308 90 510 0');
  await page.getByTestId('ex-qty').fill('40');
  await page.getByTestId('ex-country').fill('UZ');
  await page.getByTestId('ex-basis').selectOption('producer-register');
  await page.getByTestId('ex-doc').fill('ӨТ-2026-118');
  await page.getByTestId('record-exemption').click();
  await expect(page.getByTestId('ex-notice')).toHaveText(L.doc.recorded);
  await page.getByTestId('tab-journal').click();
  await page.getByTestId('journal-search').fill('777KZA05');
  await expect(page.getByTestId('journal-row')).toHaveCount(2);
  await expect(page.locator('[data-testid="journal-row"][data-event="export-exemption"]')).toContainText(L.journal.event['export-exemption']);
});

test('a navigation seal applied on entry, a broken one found on exit (Russian)', async ({ page }) => {
  const L = documentsRu;
  await open(page, 'ru');
  await scan(page, 'NS-000453');
  await expect(page.getByTestId('seal-form')).toHaveAttribute('data-action', 'seal-applied');
  // The seal goes on the escorted vehicle only.
  await page.getByTestId('plate-input').fill('999ZZZ99');
  await page.getByTestId('seal-input').fill('NS-000453');
  await page.getByTestId('seal-intact').click();
  await expect(page.locator('[data-reason="plate-mismatch"]')).toContainText(say(L.docReason['plate-mismatch'], { plate: '999ZZZ99' }));
  await expect(page.getByTestId('record-seal')).toBeDisabled();
  await page.getByTestId('plate-input').fill('');
  await expect(page.getByTestId('doc-verdict')).toHaveAttribute('data-status', 'allowed');
  await page.getByTestId('record-seal').click();
  await expect(page.getByTestId('doc-notice')).toHaveText(L.doc.recorded);
  await expect(page.getByTestId('doc-facts')).toContainText(L.doc.sealActive);
  // The next action (removal) starts from an empty reading: a second press records nothing.
  await expect(page.getByTestId('seal-form')).toHaveAttribute('data-action', 'seal-removed');
  await expect(page.getByTestId('record-seal')).toBeDisabled();
  await scan(page, 'NS-000454');
  await page.getByTestId('seal-input').fill('NS-000454');
  await page.getByTestId('seal-broken').click();
  await expect(page.locator('[data-reason="seal-not-intact"]')).toContainText(L.docReason['seal-not-intact']);
  await expect(page.getByTestId('record-seal')).toHaveText(L.doc.recordBrokenSeal);
  await page.getByTestId('record-seal').click();
  await expect(page.getByTestId('doc-notice')).toHaveText(L.doc.recorded);
  await expect(page.getByTestId('seal-form')).toHaveAttribute('data-action', 'done');
});

test('a transit-passage permit sold at the checkpoint: fee from the rate table, printed, then let out (Russian)', async ({ page }) => {
  await open(page, 'ru');
  await page.getByTestId('open-transit').click();
  await page.getByTestId('tr-ground').selectOption('no-balanced-exchange');
  await page.getByTestId('tr-class').selectOption('goods');
  // The demo table: 15 MCI for a goods vehicle, at the 2026 MCI of 4,325 KZT.
  await expect(page.getByTestId('tr-fee')).toHaveAttribute('data-kzt', '64875');
  await expect(page.getByTestId('tr-fee')).toContainText('15 МРП');
  await page.getByTestId('tr-number').fill('TP-2026-0005');
  await page.getByTestId('tr-carrier').fill('Kabul Transit Co');
  await page.getByTestId('tr-country').fill('AF');
  await page.getByTestId('tr-address').fill('Kabul, Shahr-e Naw');
  await page.getByTestId('tr-plate').fill('KBL 7788');
  await page.getByTestId('tr-trailer').fill('KBL 7789');
  await page.getByTestId('tr-make').fill('Volvo FH 500');
  await page.getByTestId('tr-route').fill('Хоргос — Алматы — Кордай');
  await page.getByTestId('tr-payment').fill('ПП-99120');
  await page.getByTestId('tr-paid').fill('60000');
  await expect(page.locator('[data-reason="fee-amount-mismatch"]')).toContainText('Уплачено 60');
  await page.getByTestId('tr-paid').fill('64875');
  await expect(page.locator('[data-reason="missing-signature"]')).toBeVisible();
  await page.getByTestId('tr-signed').check();
  await expect(page.getByTestId('tr-verdict')).toHaveAttribute('data-status', 'allowed');
  // TP-2026-0005 is already in the registry: refused, nothing written.
  await page.getByTestId('tr-sell').click();
  await expect(page.locator('[data-reason="number-taken"]')).toContainText('TP-2026-0005');
  await page.getByTestId('tr-number').fill('TP-2026-0100');
  await page.getByTestId('tr-sell').click();
  await expect(page.getByTestId('transit-sale')).toHaveAttribute('data-state', 'sold');
  await expect(page.getByTestId('transit-notice')).toContainText('Разрешение TP-2026-0100 отправлено на печать');
  await page.screenshot({ path: 'test-results/documents-transit-ru.png', fullPage: true });

  // The printed permit: both languages, the number, the fee document and the rate it was charged at.
  await expect.poll(() => readdirSync(printed).filter((f) => f.endsWith('.pdf')).length, { timeout: 20_000 }).toBeGreaterThan(0);
  const pdf = readdirSync(printed).filter((f) => f.endsWith('.pdf')).sort().at(-1)!;
  const text = execFileSync('pdftotext', ['-layout', join(printed, pdf), '-'], { encoding: 'utf8' }).replace(/[ \u00a0]+/g, ' ');
  expect(text).toContain('Транзиттік жол жүруге арналған рұқсат');
  expect(text).toContain('Разрешение на транзитный проезд');
  expect(text).toContain('TP-2026-0100');
  expect(text).toContain('KBL7788');
  expect(text).toMatch(/№ ПП-99120, \d{4}-\d{2}-\d{2}, 64 875 KZT/);
  expect(text).toContain('15 × 4 325 KZT');

  // At the exit the permit is found by its number, though the centre's registry never held it.
  await page.getByTestId('open-transit').click();
  await scan(page, 'TP-2026-0100');
  await expect(page.getByTestId('registry-document')).toHaveAttribute('data-kind', 'kz-transit-passage');
  await expect(page.getByTestId('direction-exit')).toHaveAttribute('aria-pressed', 'true');
  // Dispatch and destination are journal fields 4-5: the mark waits for them.
  await expect(page.getByTestId('doc-verdict')).toHaveAttribute('data-status', 'incomplete');
  await page.getByTestId('mark-from').fill('CN');
  await page.getByTestId('mark-to').fill('KG');
  await expect(page.getByTestId('doc-verdict')).toHaveAttribute('data-status', 'allowed');
  await page.getByTestId('record-mark').click();
  await expect(page.getByTestId('doc-notice')).toHaveText('Записано в журнал');
  // One passage: a second exit is refused.
  await page.getByTestId('next-mark').click();
  await expect(page.locator('[data-reason="already-used"]')).toBeVisible();
  await page.getByTestId('tab-journal').click();
  await page.getByTestId('journal-search').fill('TP-2026-0100');
  await expect(page.getByTestId('journal-row')).toHaveCount(2);
  await expect(page.locator('[data-testid="journal-row"][data-event="transit-sold"]')).toContainText('На транзитный проезд');
});

test('a transit permit for an unregistered vehicle refuses third-country cargo (Kazakh)', async ({ page }) => {
  await open(page, 'kk');
  await page.getByTestId('open-transit').click();
  await page.getByTestId('tr-ground').selectOption('unregistered-vehicle');
  await page.getByTestId('tr-class').selectOption('passenger');
  await expect(page.getByTestId('tr-fee')).toContainText('10 АЕК');
  const kzt = await page.getByTestId('tr-fee').getAttribute('data-kzt');
  await page.getByTestId('tr-number').fill('ТР-2026-0101');
  await page.getByTestId('tr-carrier').fill('Ғалым Тур');
  await page.getByTestId('tr-country').fill('TM');
  await page.getByTestId('tr-plate').fill('TRANSIT 1');
  await page.getByTestId('tr-payment').fill('ТҚ-1');
  await page.getByTestId('tr-paid').fill(kzt!);
  await page.getByTestId('tr-signed').check();
  // Loading in Kazakhstan for Uzbekistan: third-country cargo, forbidden on this ground (p.47).
  await page.getByTestId('tr-from').fill('KZ');
  await page.getByTestId('tr-to').fill('UZ');
  await expect(page.locator('[data-reason="third-country-cargo-forbidden"]')).toContainText('үшінші елдерге (елдерден) тасымалдауға болмайды');
  await expect(page.getByTestId('tr-sell')).toBeDisabled();
  await page.getByTestId('tr-from').fill('TM');
  await page.getByTestId('tr-to').fill('CN');
  await page.getByTestId('tr-sell').click();
  await expect(page.getByTestId('transit-sale')).toHaveAttribute('data-state', 'sold');
  // Typed on a Cyrillic layout, the number is kept as the Latin TP-2026-0101.
  await expect(page.getByRole('heading', { name: 'TP-2026-0101 рұқсаты берілді' })).toBeVisible();
  await expect(page.getByTestId('transit-notice')).toContainText('басып шығаруға жіберілді');
});

test('a mark made during an outage is provisional, and the centre disputes it after another desk’s earlier mark (Russian)', async ({ page }) => {
  await open(page, 'ru');
  const port = Number(new URL(central.url).port);
  await central.stop();
  await expect(page.getByTestId('sync-online')).toHaveAttribute('data-online', 'false', { timeout: 30_000 });

  await scan(page, 'CN2026C00017');
  await expect(page.getByTestId('stale-banner')).toContainText('предварительное');
  await page.getByTestId('direction-exit').click();
  await page.getByTestId('mark-from').fill('KZ');
  await page.getByTestId('mark-to').fill('CN');
  await expect(page.getByTestId('doc-verdict')).toHaveAttribute('data-status', 'allowed');
  await page.getByTestId('record-mark').click();
  await expect(page.getByTestId('doc-notice')).toContainText('предварительно');

  // Kolzhat's desk had let the same vehicle out a minute earlier, also without a link.
  central = await startCentral({ ...centralOpts, port });
  const hlc = `${String(Date.now() - 60_000).padStart(13, '0')}-00000-kolzhat-1`;
  const id = ulid(Date.now() - 60_000);
  const there = {
    id, event: 'exit-mark', documentId: 'cn-CN2026C00017', documentKind: 'cn-permit', documentNumber: 'CN2026C00017', direction: 'exit', checkpointId: 'kolzhat', deskId: 'kolzhat-1', officerName: 'Ахметов Б.',
    occurredAt: new Date(Date.now() - 60_000).toISOString(), hlc, carrierName: 'Xinjiang Silk Road Freight', carrierCountry: 'CN', carrierAddress: '', dispatchCountry: 'KZ', destinationCountry: 'CN', route: '', vehicleMake: '',
    vehiclePlate: '新F12345', trailerPlate: '', permitType: 'CN-C', permitValidTo: '', permitIssued: '', permitReceivedOn: '', feeDocument: null, carrierSigned: null, exitDeadline: '', goods: [], declarationNumber: '',
    exemption: null, seal: null, soldPermit: null, reasons: [], provisional: true, dataSyncedAt: null,
  };
  const res = await fetch(`${central.url}${SYNC_PREFIX}/journal/push`, { method: 'POST', headers: { authorization: `Bearer ${kolzhatToken}`, 'content-type': 'application/json' }, body: JSON.stringify([{ assumedMasterState: null, newDocumentState: there }]) });
  expect(res.status).toBe(200);

  // The desk reconnects by itself, pushes its mark, and the centre's alert comes back.
  await expect(page.getByTestId('sync-online')).toHaveAttribute('data-online', 'true', { timeout: 60_000 });
  await expect(page.getByTestId('alerts')).toHaveAttribute('data-count', '1', { timeout: 60_000 });
  await page.getByTestId('tab-journal').click();
  await page.getByTestId('journal-search').fill('CN2026C00017');
  await page.getByTestId('journal-all-checkpoints').check();
  const mine = page.locator('[data-testid="journal-row"][data-provisional="true"]').filter({ hasText: 'Иванова Мария' });
  await expect(mine).toHaveAttribute('data-disputed', 'true');
  await expect(mine).toContainText('центр не согласен');
  await page.getByTestId('alerts').click();
  await expect(page.getByTestId('alert')).toHaveAttribute('data-kind', 'decision-disputed');
  await expect(page.getByTestId('alert')).toContainText('Центр не согласен с решением по CN2026C00017');
  await expect(page.getByTestId('alert-reasons')).toContainText('уже использовано');
  await page.screenshot({ path: 'test-results/documents-disputed-ru.png', fullPage: true });
});

test('a mark made during an outage is provisional, and the centre disputes it after another desk’s earlier mark (Kazakh)', async ({ page }) => {
  const L = documentsKk;
  await open(page, 'kk');
  const alertsBefore = (await page.getByTestId('alerts').count()) > 0 ? Number(await page.getByTestId('alerts').getAttribute('data-count')) : 0;
  const port = Number(new URL(central.url).port);
  await central.stop();
  await expect(page.getByTestId('sync-online')).toHaveAttribute('data-online', 'false', { timeout: 30_000 });
  await scan(page, 'CN2026C00018');
  await expect(page.getByTestId('stale-banner')).toContainText(prefix(L.doc.staleSince));
  await page.getByTestId('direction-exit').click();
  await page.getByTestId('mark-from').fill('KZ');
  await page.getByTestId('mark-to').fill('CN');
  await page.getByTestId('record-mark').click();
  await expect(page.getByTestId('doc-notice')).toHaveText(L.doc.recordedProvisional);
  central = await startCentral({ ...centralOpts, port });
  await kolzhatExitMark('cn-CN2026C00018', 'CN2026C00018', '新F54321', 60_000);
  await expect(page.getByTestId('sync-online')).toHaveAttribute('data-online', 'true', { timeout: 60_000 });
  await expect(page.getByTestId('alerts')).toHaveAttribute('data-count', String(alertsBefore + 1), { timeout: 60_000 });
  await page.getByTestId('tab-journal').click();
  await page.getByTestId('journal-search').fill('CN2026C00018');
  const mine = page.locator('[data-testid="journal-row"][data-provisional="true"]').filter({ hasText: 'Серікұлы Асқар' });
  await expect(mine).toHaveAttribute('data-disputed', 'true');
  await expect(mine).toContainText(L.journal.disputed);
});
