import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoPermit } from '../../server/demo/seed.ts';
import { newDeviceToken, startCentral, tempDir, type Running } from '../support/processes.ts';

/**
 * The central administrator's page (issue 6 item 7) in Chromium, against the built central server:
 * allocate a range, be refused an overlapping one, import a permit file with a bad row (all or
 * nothing, then the valid rows), and download the centre's reports.
 */
let central: Running;
let dir: string;
const adminToken = newDeviceToken();

test.beforeAll(async () => {
  dir = await tempDir('central-admin');
  central = await startCentral({ dataDir: dir, deviceToken: newDeviceToken(), adminToken, demoPermits: 50 });
});
test.afterAll(async () => {
  await central?.stop();
});

test('the administrator allocates blanks, imports permits and downloads the reports', async ({ page }) => {
  test.setTimeout(120_000);
  // Without the token, the page says so and shows nothing of the centre.
  await page.goto(`${central.url}/admin/`);
  await expect(page.locator('#auth-error')).toBeVisible();

  await page.goto(`${central.url}/admin/#token=${adminToken}`);
  await expect(page).toHaveURL(`${central.url}/admin/`); // the token left the address bar
  await expect(page.locator('#auth-error')).toBeHidden();
  const kolzhatInTransit = page.getByTestId('stock-kolzhat').locator('[data-state="allocated"]');
  await expect(kolzhatInTransit).toHaveText('500'); // the demo's consignment

  await page.getByTestId('allocate-checkpoint').selectOption('kolzhat');
  await page.getByTestId('allocate-from').fill('3000001');
  await page.getByTestId('allocate-to').fill('3000100');
  await page.getByTestId('allocate-by').fill('Орталық әкімші');
  await page.getByTestId('allocate-submit').click();
  await expect(page.getByTestId('allocate-notice')).toHaveText('C3000001-C3000100 (100) Көлжат пунктіне бөлінді; пункт қабылдағанша жолда.');
  await expect(kolzhatInTransit).toHaveText('600');

  // Dostyk-avto's stock starts at C0100001: refused, in Kazakh, nothing written.
  await page.getByTestId('allocate-from').fill('100990');
  await page.getByTestId('allocate-to').fill('101010');
  await page.getByTestId('allocate-submit').click();
  await expect(page.getByTestId('allocate-notice')).toHaveClass('error');
  await expect(page.getByTestId('allocate-notice')).toContainText('Бұл нөмірлер есепте бар: C0100990');
  await expect(kolzhatInTransit).toHaveText('600');

  // A registry file with one bad row.
  const good = [1, 2].map((i) => ({ ...demoPermit(800_000 + i, '2026-12-02'), id: `e2e-${i}`, applicationNumber: `A26-${800_000 + i}`, addendumNumber: `D26-${800_000 + i}` }));
  const file = join(dir, 'permits.json');
  writeFileSync(file, JSON.stringify([...good, { ...good[0], id: 'e2e-3', applicationNumber: 'A26-1' }]));
  await page.getByTestId('import-file').setInputFiles(file);
  await page.getByTestId('import-check').click();
  await expect(page.getByTestId('import-summary')).toHaveText('Барлығы 3 жол: 2 дұрыс, 1 қабылданбады. Жазылды: 0.');
  await expect(page.getByTestId('import-rejected')).toContainText('«Өтініш нөмірі» дұрыс емес');
  await page.getByTestId('import-submit').click(); // all or nothing: nothing
  await expect(page.getByTestId('import-report')).toContainText('Қате жолдар бар, сондықтан ештеңе жазылмады.');
  await page.getByTestId('import-mode-valid').check();
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-summary')).toHaveText('Барлығы 3 жол: 2 дұрыс, 1 қабылданбады. Жазылды: 2.');
  await page.screenshot({ path: 'test-results/admin-kk.png', fullPage: true });

  // The monthly blank report as CSV in Russian, and the redeemed permits as PDF.
  await page.getByTestId('lang-ru').click();
  await expect(page.locator('h2').first()).toHaveText('Бланки на пунктах пропуска');
  await page.getByTestId('monthly-month').fill(new Date(Date.now() + 5 * 3_600_000).toISOString().slice(0, 7));
  const csvDownload = page.waitForEvent('download');
  await page.getByTestId('report-monthly-csv-ru').click();
  const csv = readFileSync(await (await csvDownload).path(), 'utf8');
  expect(csv).toContain('Кольжат');
  const today = new Date(Date.now() + 5 * 3_600_000).toISOString().slice(0, 10);
  await page.getByTestId('redeemed-from').fill(`${today.slice(0, 8)}01`);
  await page.getByTestId('redeemed-to').fill(today);
  const pdfDownload = page.waitForEvent('download');
  await page.getByTestId('report-redeemed-pdf-kk').click();
  const pdf = join(dir, 'redeemed.pdf');
  await (await pdfDownload).saveAs(pdf);
  expect(execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })).toMatch(/ҚХР|КНР/);
  await expect(page.getByTestId('report-notice')).toHaveClass('ok');
  await page.screenshot({ path: 'test-results/admin-ru.png', fullPage: true });
});
