import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, logIn } from './log-in.ts';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SYNC_PREFIX } from '../../shared/sync/replication.ts';
import { newDeviceToken, startCentral, startWebHost, tempDir, type Running } from '../support/processes.ts';

/**
 * A whole shift at Dostyk-avto (issue 6): the supervisor station confirms the consignment the centre
 * allocated and hands a stack to desk 1; the officer opens the shift and issues an addendum; at the
 * end the supervisor counts the stacks, finds a blank missing, explains it, closes the shift and prints
 * the report; the next shift opens with the counted balance.
 */
let central: Running;
let desk: Running;
let station: Running;
let printed: string;
let stationDir: string;
const deviceToken = newDeviceToken();
const stationToken = newDeviceToken();

test.beforeAll(async () => {
  central = await startCentral({ dataDir: await tempDir('central-shift'), deviceToken, moreDevices: [{ token: stationToken, checkpoint: 'dostyk-avto', desk: 'dostyk-avto-sup', role: 'supervisor' }] });
  const deskDir = await tempDir('desk-shift');
  printed = join(deskDir, 'printed');
  desk = await startWebHost({ serverUrl: central.url, deviceToken, dataDir: deskDir, documentPrinter: `file:${printed}` });
  stationDir = await tempDir('station-shift');
  station = await startWebHost({ serverUrl: central.url, deviceToken: stationToken, desk: 'dostyk-avto-sup', role: 'supervisor', dataDir: stationDir });
});

test.afterAll(async () => {
  await desk?.stop();
  await station?.stop();
  await central?.stop();
});

async function centreShifts(): Promise<Array<Record<string, unknown>>> {
  const res = await fetch(`${central.url}${SYNC_PREFIX}/shifts/pull?seq=0&limit=100`, { headers: { authorization: `Bearer ${stationToken}` } });
  return ((await res.json()) as { documents: Array<Record<string, unknown>> }).documents;
}

test('a shift from consignment to signed report, with a missing blank found and explained', async ({ browser }) => {
  test.setTimeout(180_000);
  // The supervisor station: the consignment is in transit until its pack ends are confirmed.
  const sup = await browser.newPage();
  await sup.goto(station.url);
  await logIn(sup, 'gulnar');
  await expect(sup.getByTestId('stock-allocated')).toContainText('C0200001-C0200500 (500)', { timeout: 60_000 });
  // Run-out forecasts: the checkpoint's 1,000 (800 in store, 200 at desks) and each desk's stack.
  await expect(sup.getByTestId('forecast-checkpoint')).toContainText('1000');
  await expect(sup.getByTestId('forecast-dostyk-avto-1')).toContainText('dostyk-avto-1: 100');
  await sup.getByTestId('stock-first').fill('C0200001');
  await sup.getByTestId('stock-last').fill('C0200600'); // a mistyped last blank: past the allocation
  await sup.getByTestId('stock-submit').click();
  await expect(sup.getByTestId('stock-notice')).toHaveClass(/notice-error/);
  await expect(sup.getByTestId('stock-notice')).toContainText('C0200501');
  await expect(sup.getByTestId('stock-at-checkpoint')).not.toContainText('C02');
  await sup.getByTestId('stock-last').fill('с0200500'); // Cyrillic с, as a Russian layout types it
  await sup.getByTestId('stock-submit').click();
  await expect(sup.getByTestId('stock-notice')).not.toHaveClass(/notice-error/);
  await expect(sup.getByTestId('stock-at-checkpoint')).toContainText('C0200001-C0200500');
  await sup.getByTestId('stock-move-type').selectOption('handed-to-desk');
  await sup.getByTestId('stock-first').fill('C0200001');
  await sup.getByTestId('stock-last').fill('C0200020');
  await sup.getByTestId('stock-desk').fill('dostyk-avto-1');
  await sup.getByTestId('stock-submit').click();
  await expect(sup.getByTestId('stock-desk-dostyk-avto-1')).toContainText('C0200001-C0200020 (20)');
  await sup.screenshot({ path: 'test-results/stock-kk.png', fullPage: true });

  // The desk: the officer opens the first shift, then issues one addendum.
  const page = await browser.newPage();
  await page.goto(desk.url);
  await logIn(page, 'asqar');
  await page.getByTestId('tab-shift').click();
  await expect(page.getByTestId('shift-closed-state')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('open-shift').click();
  await expect(page.getByTestId('shift-info')).toContainText('Серікұлы Асқар');

  await page.getByTestId('tab-issue').click();
  await expect(page.getByTestId('stack-left')).toHaveAttribute('data-count', '120', { timeout: 60_000 });
  await page.getByTestId('scan-input').fill('A26-000001');
  await page.getByTestId('scan-input').press('Enter');
  await expect(page.getByTestId('issue-eligibility')).toHaveAttribute('data-eligible', 'true', { timeout: 30_000 });
  await page.getByTestId('take-and-print').click();
  await expect(page.getByTestId('issue-blank')).toHaveAttribute('data-printed', 'true');
  for (const f of ['carrier', 'address', 'vehicle', 'date', 'seal', 'signature']) await page.getByTestId(`check-${f}`).check();
  await page.getByTestId('hand-over').click();
  await expect(page.getByTestId('issue-blank')).toHaveAttribute('data-state', 'issued');
  await expect(page.getByTestId('sync-waiting')).toHaveAttribute('data-count', '0', { timeout: 30_000 });

  // End of shift: the supervisor counts. Blank C0100002 is not on the desk (the deliberate discrepancy).
  await page.getByTestId('tab-shift').click();
  await page.getByTestId('stack-top-C0100002-C0100100').fill('C0100003');
  await page.getByTestId('stack-top-C0200001-C0200020').fill('C0200001');
  await page.getByTestId('reconcile').click();
  await expect(page.getByTestId('reconciliation')).toHaveAttribute('data-balanced', 'false');
  await expect(page.getByTestId('difference-C0100002')).toContainText('табылмады');
  await expect(page.getByTestId('reconciliation').locator('tbody tr')).toHaveCount(1);
  // The supervisor countersigns the officer's close with their own login.
  await page.getByTestId('supervisor-login').fill('gulnar');
  await page.getByTestId('supervisor-password').fill(DEMO_PASSWORD);
  await page.getByTestId('close-shift').click(); // no reason yet: refused, nothing written
  await expect(page.getByTestId('shift-notice')).toContainText('C0100002');
  await expect(page.getByTestId('shift-open-state')).toBeVisible();
  await page.getByTestId('reason-C0100002').fill('Принтерде кептеліп қалды, акт жасалды');
  await page.screenshot({ path: 'test-results/shift-close-kk.png', fullPage: true });
  await page.getByTestId('close-shift').click();
  await expect(page.getByTestId('shift-notice')).toContainText('118');
  await expect(page.getByTestId('report-actions')).toBeVisible();

  // The report on the document printer: Kazakh and Russian, the difference and its reason.
  await page.getByTestId('print-report').click();
  await expect(page.getByTestId('report-notice')).not.toHaveClass(/notice-error/);
  await expect.poll(() => (existsSync(printed) ? readdirSync(printed).filter((f) => f.startsWith('report-')) : [])).toHaveLength(1);
  const pdf = join(printed, readdirSync(printed).find((f) => f.startsWith('report-'))!);
  copyFileSync(pdf, 'test-results/shift-report.pdf'); // to look at: pdftoppm -png
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/[ \u00a0]+/g, ' ');
  for (const expected of ['dostyk-avto-1', 'Ауысым есебі', 'Отчёт за смену', 'Достық-авто', 'C0100002', 'Принтерде кептеліп қалды, акт', 'утерянный', 'Серікұлы Асқар', 'Ахметова Гүлнар']) expect(text).toContain(expected);
  // The sums agree: the desk's first shift opens from 0 and counts the 120 it received; 1 issued, 1 lost, 118 counted.
  expect(text.split('\n').find((l) => l.includes('Ауысым басындағы қалдық'))).toMatch(/\s0\s*$/);
  expect(text).toMatch(/Получено на рабочее место\s+120\b/);
  expect(text).toMatch(/Утеряно\s+1\b/);
  expect(text).toMatch(/\(по подсчёту\)\s+118\b/);

  // CSV for the territorial body's spreadsheet.
  const download = page.waitForEvent('download');
  await page.getByTestId('download-csv').click();
  const csv = readFileSync(await (await download).path(), 'utf8');
  expect(csv).toContain('C0100002');
  expect(csv).toContain('Принтерде кептеліп қалды, акт жасалды');

  // The close reached the centre, once; the next shift opens with the counted balance.
  await expect.poll(async () => (await centreShifts()).map((s) => s.type)).toEqual(['opened', 'closed']);
  await expect(page.getByTestId('shift-closed-state')).toContainText('118');
  await page.getByTestId('open-shift').click();
  await expect(page.getByTestId('shift-info')).toContainText('118');
  await page.getByTestId('lang-ru').click();
  await expect(page.getByTestId('shift-info')).toContainText('остаток на начало 118');
  await expect.poll(async () => (await centreShifts()).map((s) => s.type)).toEqual(['opened', 'closed', 'opened']);
  expect((await centreShifts())[2]).toMatchObject({ openingUnused: 118 });

  // The checkpoint's shift at the station: the store is counted pack by pack; desk 1's new shift is
  // still open, so the close takes the supervisor's override, and says so on the report.
  await sup.getByTestId('tab-shift').click();
  await expect(sup.getByTestId('shift-closed-state')).toBeVisible();
  await sup.getByTestId('open-shift').click();
  await expect(sup.getByTestId('open-desk-shifts')).toContainText('dostyk-avto-1', { timeout: 30_000 });
  await sup.getByTestId('stack-top-C0100201-C0101000').fill('C0100201');
  await sup.getByTestId('stack-top-C0200021-C0200500').fill('C0200021');
  await sup.getByTestId('reconcile').click();
  await expect(sup.getByTestId('reconciliation')).toHaveAttribute('data-balanced', 'true');
  await expect(sup.getByTestId('close-blockers')).toContainText('жұмыс орындарының ашық ауысымдары');
  await sup.getByTestId('close-shift').click();
  await expect(sup.getByTestId('shift-notice')).toHaveClass(/notice-error/);
  await sup.getByTestId('override').check();
  await sup.getByTestId('override-reason').fill('1-жұмыс орны түнгі ауысымда');
  await sup.getByTestId('close-shift').click();
  await expect(sup.getByTestId('report-actions')).toBeVisible();
  await sup.screenshot({ path: 'test-results/checkpoint-shift-kk.png', fullPage: true });
  await sup.getByTestId('print-report').click();
  const stationPrinted = join(stationDir, 'printed');
  await expect.poll(() => (existsSync(stationPrinted) ? readdirSync(stationPrinted).filter((f) => f.startsWith('report-checkpoint-shift-report-')) : [])).toHaveLength(1);
  const storeReport = execFileSync('pdftotext', ['-layout', join(stationPrinted, readdirSync(stationPrinted)[0]!), '-'], { encoding: 'utf8' }).replace(/[ \u00a0]+/g, ' ');
  expect(storeReport).toContain('Отчёт за смену пункта пропуска');
  expect(storeReport).toMatch(/\(по подсчёту\)\s+1 280\b/); // 0 + 1 500 received − 220 handed to desks
  expect(storeReport).toContain('1-жұмыс орны түнгі ауысымда');
  await expect.poll(async () => (await centreShifts()).filter((s) => s.deskId === 'dostyk-avto-sup').map((s) => s.type)).toEqual(['opened', 'closed']);
});
