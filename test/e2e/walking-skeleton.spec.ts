import { expect, test, type Page } from '@playwright/test';
import { logIn } from './log-in.ts';
import { centralCrossings, newDeviceToken, startCentral, startWebHost, tempDir, type Running } from '../support/processes.ts';

/**
 * One officer's morning, against the real built app: the central server on PGlite kept on disk, the web
 * host, and the desk UI in Chromium with its RxDB replica in real IndexedDB. The centre goes away in the
 * middle; nothing the officer records is lost or duplicated.
 */
let central: Running;
let desk: Running;
let centralDir: string;
const deviceToken = newDeviceToken();

test.beforeAll(async () => {
  centralDir = await tempDir('central');
  central = await startCentral({ dataDir: centralDir, deviceToken });
  desk = await startWebHost({ serverUrl: central.url, deviceToken, dataDir: await tempDir('desk') });
});

test.afterAll(async () => {
  await desk?.stop();
  await central?.stop();
});

async function scan(page: Page, text: string) {
  const input = page.getByTestId('scan-input');
  await input.fill(text);
  await input.press('Enter');
}

async function exitsAtCentre(permitId: string) {
  const all = await centralCrossings(central.url, deviceToken);
  return all.filter((c) => c.permitId === permitId && c.direction === 'exit');
}

test('scan, verdict, record online and offline, sync once', async ({ page }) => {
  await page.goto(desk.url);
  await logIn(page, 'asqar');
  // The demo centre holds 1,000 permits; the desk pulls all of them into IndexedDB.
  await expect(page.getByTestId('replica-count')).toHaveAttribute('data-count', '1000', { timeout: 60_000 });
  await expect(page.getByTestId('sync-online')).toHaveAttribute('data-online', 'true');
  await expect(page.locator('html')).toHaveAttribute('lang', 'kk');
  await expect(page.getByTestId('checkpoint-name')).toContainText('Достық');

  // A bad scan changes nothing and says why, in Kazakh.
  await scan(page, 'hello');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-status', 'not-recognised');
  await expect(page.getByTestId('verdict')).toContainText('Ештеңе жазылмады');
  await scan(page, 'A26-000001'.repeat(1024)); // a 10 KB paste
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-status', 'not-recognised');
  await expect(page.getByTestId('verdict')).toContainText('тым ұзын');
  await expect(page.getByTestId('sync-waiting')).toHaveAttribute('data-count', '0');

  // The demo permit: valid today at Dostyk-avto, typed key by key as a keyboard-wedge scanner does.
  await page.getByTestId('scan-input').pressSequentially('A26-000001');
  await page.getByTestId('scan-input').press('Enter');
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toHaveAttribute('data-status', 'valid');
  await expect(page.getByTestId('verdict-fields').locator('dd[data-field="applicationNumber"]')).toHaveText('A26-000001');
  await page.screenshot({ path: 'test-results/verify-valid.png', fullPage: true });

  await page.getByTestId('record-exit').click();
  await expect(verdict).toHaveAttribute('data-status', 'used');
  await expect(page.getByTestId('verdict-reasons').locator('li[data-reason="already-used"]')).toBeVisible();
  // Pushed and acknowledged: nothing waits, and the centre holds it once.
  await expect(page.getByTestId('sync-waiting')).toHaveAttribute('data-count', '0');
  await expect.poll(async () => (await exitsAtCentre('A26-000001')).length).toBe(1);
  const [first] = await exitsAtCentre('A26-000001');
  expect(first).toMatchObject({ officerName: 'Серікұлы Асқар', deskId: 'dostyk-avto-1', checkpointId: 'dostyk-avto' });

  // The same permit scanned again, by its addendum number this time, is already used.
  await scan(page, 'D26-000001');
  await expect(verdict).toHaveAttribute('data-status', 'used');

  // The centre goes away. The desk keeps working and counts what waits.
  const port = new URL(central.url).port;
  await central.stop();
  await expect(page.getByTestId('sync-online')).toHaveAttribute('data-online', 'false', { timeout: 30_000 });
  for (const number of ['A26-000006', 'A26-000011']) {
    await scan(page, number);
    await expect(verdict).toHaveAttribute('data-status', 'valid');
    await page.getByTestId('record-exit').click();
    await expect(verdict).toHaveAttribute('data-status', 'used');
  }
  await expect(page.getByTestId('sync-waiting')).toHaveAttribute('data-count', '2');
  await expect(page.getByTestId('sync-waiting-since')).toBeVisible();
  // The desk warns once it has gone longer than the configured time without a sync (0.01 min here).
  await page.evaluate(() => localStorage.setItem('shekara.offlineWarningMinutes', '0.01'));
  await expect(page.getByTestId('offline-warning')).toBeVisible({ timeout: 45_000 });
  await page.screenshot({ path: 'test-results/verify-offline.png', fullPage: true });

  // A reload while offline keeps every record (IndexedDB), and still shows them as waiting.
  await page.reload();
  await logIn(page, 'asqar');
  await expect(page.getByTestId('sync-waiting')).toHaveAttribute('data-count', '2', { timeout: 30_000 });
  await scan(page, 'A26-000006');
  await expect(verdict).toHaveAttribute('data-status', 'used');

  // The centre comes back on the same address; the two offline records arrive exactly once.
  central = await startCentral({ port: Number(port), dataDir: centralDir, deviceToken });
  await expect(page.getByTestId('sync-online')).toHaveAttribute('data-online', 'true', { timeout: 30_000 });
  await expect(page.getByTestId('sync-waiting')).toHaveAttribute('data-count', '0', { timeout: 30_000 });
  for (const id of ['A26-000001', 'A26-000006', 'A26-000011']) expect(await exitsAtCentre(id)).toHaveLength(1);
});

test('the interface speaks Kazakh, Russian and English', async ({ page }) => {
  await page.goto(desk.url);
  await logIn(page, 'asqar');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Құжатты тексеру');
  await page.getByTestId('lang-ru').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Проверка документа');
  await scan(page, 'A26-999999');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-status', 'unknown');
  await page.getByTestId('lang-en').click();
  await expect(page.getByTestId('verdict-status')).toHaveText('Unknown document');
  await page.reload();
  await logIn(page, 'asqar');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Verify a document');
});
