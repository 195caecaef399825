import { expect, test, type Page } from '@playwright/test';
import { logIn } from './log-in.ts';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEscposEmulator, type EscposEmulator } from '../../printers/emulator/escpos-emulator.ts';
import { DEFAULT_ANNEX3_PROFILE } from '../../printers/pdf/overlay-profile.ts';
import { TEST_BARCODE } from '../../printers/thermal/test-page.ts';
import { makeTechnicianVerifier } from '../../electron/services/technician-access.ts';
import { newDeviceToken, startCentral, startWebHost, tempDir, type Running } from '../support/processes.ts';
import { openPtyPair, writeToPty, type PtyPair } from '../support/pty-pair.ts';

/**
 * A technician at a desk, end to end in Chromium: opens the tools with the code, points the desk at a
 * thermal printer (the emulator), prints and scans back the test page, reads the paper sensor,
 * calibrates the pre-printed blank, tests a keyboard scanner under a Russian layout and a serial one
 * through a pseudo-terminal pair, saves, and takes the diagnostics file. The centre gets the settings.
 */
const CODE = '730416';
const deviceToken = newDeviceToken();
const adminToken = newDeviceToken();
let central: Running;
let desk: Running;
let deskDir: string;
let printed: string;
let thermal: EscposEmulator;
let pty: PtyPair;
let deskEnd: string;
let scannerEnd: string;

test.beforeAll(async () => {
  central = await startCentral({ dataDir: await tempDir('central'), deviceToken, adminToken });
  deskDir = await tempDir('desk');
  printed = join(deskDir, 'printed');
  thermal = await startEscposEmulator({ pngDir: join(deskDir, 'slips') });
  pty = await openPtyPair();
  ({ deskEnd, farEnd: scannerEnd } = pty);
  desk = await startWebHost({ serverUrl: central.url, deviceToken, dataDir: deskDir, documentPrinter: `file:${printed}`, technicianVerifier: await makeTechnicianVerifier(CODE) });
});

test.afterAll(async () => {
  await desk?.stop();
  await central?.stop();
  await thermal?.close();
  pty?.close();
});

async function openTools(page: Page, language: 'kk' | 'ru') {
  await page.goto(desk.url);
  await logIn(page, 'erlan');
  await page.getByTestId(`lang-${language}`).click();
  await page.getByTestId('tab-technician').click();
  // The technician's own login opened the tools on the machine side too: no code asked.
  await expect(page.getByTestId('tech-thermal')).toBeVisible();
}

const notice = (page: Page) => page.getByTestId('tech-notice');

test('a technician sets up the thermal printer and calibrates the blank (Kazakh)', async ({ page }) => {
  await page.goto(desk.url);
  // The desk's technician code, for a desk set up before it has its people: it opens the tools only.
  await expect(page.getByTestId('login-screen')).toBeVisible();
  await page.getByTestId('login-by-desk-code').click();
  await page.getByTestId('desk-code-input').fill('111111');
  await page.getByTestId('desk-code-submit').click();
  await expect(page.getByTestId('login-error')).toHaveText('Код қате.');
  await page.getByTestId('desk-code-input').fill(CODE);
  await page.getByTestId('desk-code-submit').click();
  await expect(page.getByTestId('tab-issue')).toHaveCount(0);
  await page.getByTestId('tab-technician').click();
  await expect(page.getByTestId('tech-revision')).toContainText('іске қосу баптауларымен');

  // A 58 mm clone without a Kazakh code page: everything as raster.
  await page.getByTestId('has-thermal').check();
  await page.getByTestId('thermal-host').fill('127.0.0.1');
  await page.getByTestId('thermal-port').fill(thermal.target.split(':').at(-1)!);
  await page.getByTestId('thermal-paper').selectOption('58');
  await expect(page.getByTestId('thermal-dots')).toHaveValue('384');
  await page.getByTestId('thermal-code-page').selectOption('raster');
  await page.getByTestId('thermal-qr').uncheck();
  await page.getByTestId('thermal-test-page').click();
  await expect(notice(page)).toContainText('Сынақ беті жіберілді');
  const job = await thermal.waitForJob();
  expect(job.pngPath).toBeDefined();
  // What a scanner reads off the paper: the QR and the Code 128 drawn as raster on 58 mm.
  const codes = execFileSync('zbarimg', ['-q', job.pngPath!], { encoding: 'utf8' });
  expect(codes).toContain(`CODE-128:${TEST_BARCODE}`);
  expect(codes).toMatch(/QR-Code:SHEKARA TEST dostyk-avto-1/);

  thermal.setPaper('out');
  await page.getByTestId('thermal-status').click();
  await expect(notice(page)).toContainText('ЖОҚ — орам салыңыз');
  await expect(notice(page)).toHaveAttribute('data-kind', 'error');
  thermal.setPaper('ok');
  await page.getByTestId('thermal-status').click();
  await expect(notice(page)).toHaveText('Принтер жауап береді: дайын, қағаз: бар.');

  // A value out of range is named by its field and nothing is sent.
  await page.getByTestId('thermal-port').fill('70000');
  await page.getByTestId('thermal-test-page').click();
  await expect(page.getByTestId('tech-problems')).toContainText('Термопринтер (тасымалдаушыға түбіртек) — Порт');
  await page.getByTestId('thermal-port').fill(thermal.target.split(':').at(-1)!);

  // Calibration: the preview moves with the offsets, the grid prints with them.
  await page.getByTestId('document-mode').selectOption('pre-printed');
  await page.getByTestId('offset-x').fill('3');
  await page.getByTestId('offset-y').fill('-2');
  const item1 = DEFAULT_ANNEX3_PROFILE.fields['1'];
  await expect(page.getByTestId('preview-field-1')).toHaveAttribute('data-x', (item1.xMm + 3).toFixed(1));
  await expect(page.getByTestId('preview-field-1')).toHaveAttribute('data-y', (item1.yMm - 2).toFixed(1));
  await page.getByTestId('print-grid').click();
  await expect(notice(page)).toHaveText('Калибрлеу торы принтерге жіберілді.');
  const grid = readdirSync(printed).find((f) => f.startsWith('calibration-'));
  expect(grid).toBeDefined();
  expect(execFileSync('pdftotext', [join(printed, grid!), '-'], { encoding: 'utf8' })).toContain('offset 3 / -2 mm');

  await page.getByTestId('tech-save-button').click();
  await expect(notice(page)).toHaveText('Алдымен аты-жөніңізді енгізіңіз.');
  await page.getByTestId('tech-name').fill('Жұмабаев Ерғали');
  await page.getByTestId('tech-save-button').click();
  await expect(notice(page)).toContainText('Баптаулар сақталды (1-нұсқа)');
  await expect(page.getByTestId('tech-revision')).toContainText('Жұмабаев Ерғали');
  await page.screenshot({ path: join(deskDir, 'technician-kk.png'), fullPage: true });

  // The desk keeps them: saved atomically on its disk, and the centre receives a copy for support.
  const onDisk = JSON.parse(readFileSync(join(deskDir, 'device-settings.json'), 'utf8'));
  expect(onDisk).toMatchObject({ revision: 1, updatedBy: 'Жұмабаев Ерғали', thermal: { paperWidthMm: 58, codePage: 'raster' }, document: { blankMode: 'pre-printed', offsetXmm: 3, offsetYmm: -2 } });
  await expect
    .poll(async () => {
      const res = await fetch(`${central.url}/admin/api/device-settings`, { headers: { authorization: `Bearer ${adminToken}` } });
      const body = (await res.json()) as { desks: { deskId: string; revision: number }[] };
      return body.desks.find((d) => d.deskId === 'dostyk-avto-1')?.revision ?? null;
    })
    .toBe(1);

  // Support sees it on the central administrator's page.
  const admin = await page.context().newPage();
  await admin.goto(`${central.url}/admin/#token=${adminToken}`);
  await expect(admin.getByTestId('devices-dostyk-avto-1')).toContainText('58 mm / 384 · raster');
  await expect(admin.getByTestId('devices-dostyk-avto-1')).toContainText('Жұмабаев Ерғали');
  await expect(admin.getByTestId('devices-dostyk-avto-1')).toContainText('баспаханалық бланкілер, жылжу 3/-2 мм');
  await admin.close();

  // The session lives in the page only: a reload asks who it is again, and nothing of the tools shows.
  await page.reload();
  await expect(page.getByTestId('login-screen')).toBeVisible();
  await expect(page.getByTestId('tech-thermal')).toHaveCount(0);
});

test('scanners: keyboard wedge under a Russian layout, a serial scanner on a pty, diagnostics (Russian)', async ({ page }) => {
  await openTools(page, 'ru');
  const box = page.getByTestId('scan-box');
  await box.focus();
  // A scanner on a desk whose layout is Russian: the OS turns KeyC into «с», the key codes still say C0100002.
  await box.evaluate((el) => {
    const keys: [string, string, boolean][] = [['KeyC', 'С', true], ['Digit0', '0', false], ['Digit1', '1', false], ['Digit0', '0', false], ['Digit0', '0', false], ['Digit0', '0', false], ['Digit0', '0', false], ['Digit2', '2', false], ['Enter', 'Enter', false]];
    for (const [code, key, shiftKey] of keys) el.dispatchEvent(new KeyboardEvent('keydown', { code, key, shiftKey, bubbles: true }));
  });
  const first = page.getByTestId('scan-row').first();
  await expect(first).toHaveAttribute('data-source', 'scan');
  await expect(first.getByTestId('scan-raw')).toHaveText('С0100002');
  await expect(first.getByTestId('scan-decoded')).toHaveText('C0100002');
  // A person typing at 150 ms a key is not a scanner.
  await box.pressSequentially('4417', { delay: 150 });
  await box.press('Enter');
  await expect(page.getByTestId('scan-row').first()).toHaveAttribute('data-source', 'typed');
  await expect(page.getByTestId('scan-row').first().getByTestId('scan-decoded')).toHaveText('4417');

  // The serial scanner: set up on the pty, saved, opened by the desk; a code with an STX prefix.
  await page.getByTestId('has-serial').check();
  await page.getByTestId('serial-path').fill(deskEnd);
  await page.getByTestId('serial-baud').selectOption('9600');
  await page.getByTestId('serial-line-ending').selectOption('CR');
  // A technician who logged in is named by the centre's record; the field only shows it.
  await expect(page.getByTestId('tech-name')).toHaveValue('Жұмабеков Ерлан');
  await page.getByTestId('tech-save-button').click();
  await expect(notice(page)).toContainText('Настройки сохранены (версия 2)');
  await expect(page.getByTestId('tech-revision')).toContainText('Жұмабеков Ерлан');
  await expect(page.getByTestId('tech-revision')).toContainText('В центре версия 2.', { timeout: 20_000 });
  await expect(page.getByTestId('serial-state')).toContainText(`Сканер на порту ${deskEnd} открыт.`, { timeout: 20_000 });
  writeToPty(scannerEnd, '\x02A26-000123\r');
  const serialRow = page.locator('[data-testid="scan-row"][data-source="serial"]').first();
  await expect(serialRow.getByTestId('scan-decoded')).toHaveText('A26-000123');
  await expect(serialRow.getByTestId('scan-raw')).toHaveText('\\x02A26-000123');
  await page.screenshot({ path: join(deskDir, 'technician-scan-ru.png'), fullPage: true });

  // The officer's scan field takes the serial scanner's codes too: scanned at the Verify tab, a verdict.
  await page.getByTestId('tab-verify').click();
  await expect(page.getByTestId('replica-count')).toHaveAttribute('data-count', '1000', { timeout: 60_000 });
  await expect(page.getByTestId('scan-input')).toHaveAttribute('data-ready', 'true'); // settings read, serial poll started
  writeToPty(scannerEnd, 'A26-000001\r');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-status', 'valid');
  await expect(page.getByTestId('verdict-fields').locator('dd[data-field="applicationNumber"]')).toHaveText('A26-000001');

  // A keyboard scanner that sends an AIM prefix and no Enter: the technician sets it up once, and the
  // officer's field drops the prefix and takes the code when the burst stops.
  await page.getByTestId('tab-technician').click();
  await page.getByTestId('wedge-prefix').fill(']C1');
  await page.getByTestId('wedge-suffix').selectOption('none');
  await page.getByTestId('tech-save-button').click();
  await expect(notice(page)).toContainText('Настройки сохранены (версия 3)');
  await page.getByTestId('tab-verify').click();
  await expect(page.getByTestId('scan-input')).toHaveAttribute('data-ready', 'true');
  // Each key its own event a few milliseconds apart, as a scanner's USB reports arrive.
  await page.getByTestId('scan-input').evaluate(async (el) => {
    const keys: [string, string, boolean][] = [['BracketRight', ']', false], ['KeyC', 'С', true], ['Digit1', '1', false], ['KeyA', 'Ф', true], ['Digit2', '2', false], ['Digit6', '6', false], ['Minus', '-', false]];
    for (const d of '000006') keys.push([`Digit${d}`, d, false]);
    for (const [code, key, shiftKey] of keys) {
      el.dispatchEvent(new KeyboardEvent('keydown', { code, key, shiftKey, bubbles: true, cancelable: true }));
      await new Promise((r) => setTimeout(r, 4));
    }
  });
  await expect(page.getByTestId('verdict-fields').locator('dd[data-field="applicationNumber"]')).toHaveText('A26-000006');
  await page.getByTestId('tab-technician').click();

  // One file for support, with the desk's token and any IIN in the log masked.
  const download = page.waitForEvent('download');
  await page.getByTestId('diagnostics-download').click();
  const file = await (await download).path();
  const text = readFileSync(file, 'utf8');
  const bundle = JSON.parse(text);
  expect(bundle.machine.desk).toMatchObject({ checkpointId: 'dostyk-avto', deskId: 'dostyk-avto-1' });
  expect(bundle.machine.deviceSettings).toMatchObject({ revision: 3, scanner: { serial: { path: deskEnd } } });
  expect(bundle.machine.serialScanner).toMatchObject({ state: 'open' });
  expect(bundle.page.outbox).toMatchObject({ waiting: expect.any(Number) });
  expect(Array.isArray(bundle.machine.log)).toBe(true);
  expect(text).not.toContain(deviceToken);
  await expect(notice(page)).toContainText('Диагностика сохранена');
});
