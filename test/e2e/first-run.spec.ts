import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ENROLMENT_CODES_API } from '../../server/admin/device-admin-routes.ts';
import { DESK_IDENTITY_FILE } from '../../electron/services/desk-enrolment.ts';
import { logIn } from './log-in.ts';
import { newDeviceToken, ROOT, startCentral, startProcess, tempDir, type Running } from '../support/processes.ts';

/**
 * The first-run wizard (issue 10 item 4), in the built app: a real centre, a web host started with no
 * configuration at all (no token, an empty data folder), and Chromium. The technician types the centre's
 * address and checks it, types a wrong code (refused, nothing written), then the code the administrator
 * made; the confirmation names the checkpoint and desk and where the data lives; Start opens the login
 * screen on the same address, and the desk syncs.
 */
let central: Running;
let desk: Running;
let dataDir: string;
const adminToken = newDeviceToken();

test.beforeAll(async () => {
  central = await startCentral({ dataDir: await tempDir('central'), deviceToken: newDeviceToken(), adminToken, demoPermits: 50 });
  dataDir = await tempDir('first-run-desk');
  // Nothing from the environment of whoever runs the tests: no centre, no token, no desk.
  desk = await startProcess(join(ROOT, 'dist/web-host/main.js'), ['--port', '0'], 'app:', {
    SHEKARA_SERVER_URL: '',
    SHEKARA_DEVICE_TOKEN: '',
    SHEKARA_CHECKPOINT: '',
    SHEKARA_DESK: '',
    SHEKARA_DESK_ROLE: '',
    SHEKARA_DESK_DATA_DIR: dataDir,
    SHEKARA_DOCUMENT_PRINTER: '',
    SHEKARA_SLIP_PRINTER: '',
    SHEKARA_TECHNICIAN_VERIFIER: '',
  });
});

test.afterAll(async () => {
  await desk?.stop();
  await central?.stop();
});

async function makeCode(deskId: string): Promise<string> {
  const res = await fetch(new URL(ENROLMENT_CODES_API, central.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ checkpointId: 'dostyk-avto', deskId, role: 'desk' }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { code: string }).code;
}

test('first run: centre address, a wrong code, the right code, confirmation, login, sync', async ({ page }) => {
  expect(await readdir(dataDir)).toEqual([]);
  await page.goto(desk.url);
  const setup = page.getByTestId('setup-screen');
  await expect(setup).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'kk');
  await expect(page.getByTestId('setup-step-1')).toHaveAttribute('aria-current', 'step');

  // Step 1. Plain http to another machine is refused on the page, before anything is sent.
  const url = page.getByTestId('setup-server-url');
  await url.fill('http://shekara.example.kz');
  await page.getByTestId('setup-check').click();
  await expect(page.getByTestId('setup-problem')).toContainText('тек https арқылы');
  await expect(page.getByTestId('setup-next')).toBeDisabled();
  // A port where nothing answers: said clearly, in Kazakh, with the machine's own words beneath.
  await url.fill('http://127.0.0.1:2');
  await page.getByTestId('setup-check').click();
  await expect(page.getByTestId('setup-problem')).toContainText('Орталық серверге қосылу мүмкін емес');
  await expect(page.getByTestId('setup-next')).toBeDisabled();
  await url.fill(`${central.url}/`);
  await page.getByTestId('setup-check').click();
  await expect(page.getByTestId('setup-server-answered')).toContainText(`${central.url} мекенжайындағы орталық сервер жауап берді`);
  await page.screenshot({ path: 'test-results/first-run-1-server-kk.png', fullPage: true });
  await page.getByTestId('setup-next').click();

  // Step 2. A code the centre does not know: refused, said so, and nothing is written on this machine.
  await expect(page.getByTestId('setup-step-2')).toHaveAttribute('aria-current', 'step');
  await expect(page.getByTestId('setup-server-is')).toContainText(central.url);
  await page.getByTestId('setup-code').fill('abcd-efgh-jkmn');
  await page.getByTestId('setup-enrol').click();
  const problem = page.getByTestId('setup-problem');
  await expect(problem).toContainText('Код жарамсыз');
  await expect(problem).toContainText('Бұл компьютерде ештеңе өзгерген жоқ');
  expect(await readdir(dataDir)).toEqual([]);
  await page.screenshot({ path: 'test-results/first-run-2-wrong-code-kk.png', fullPage: true });
  // The same refusal in Russian, the moment the language changes.
  await page.getByTestId('lang-ru').click();
  await expect(problem).toContainText('Код неверен');
  await expect(problem).toContainText('На этом компьютере ничего не изменено');
  await page.screenshot({ path: 'test-results/first-run-2-wrong-code-ru.png', fullPage: true });
  await page.getByTestId('lang-kk').click();

  // The administrator's code for this desk.
  const code = await makeCode('dostyk-avto-7');
  await page.getByTestId('setup-code').fill(code.toLowerCase().replace(/(.{4})(?=.)/g, '$1 '));
  await page.getByTestId('setup-enrol').click();

  // Step 3. What the centre enrolled this machine as, and where its data lives.
  await expect(page.getByTestId('setup-enrolled')).toBeVisible();
  await expect(page.getByTestId('setup-step-3')).toHaveAttribute('aria-current', 'step');
  await expect(page.getByTestId('setup-checkpoint')).toContainText('Достық-авто');
  await expect(page.getByTestId('setup-desk')).toHaveText('dostyk-avto-7');
  await expect(page.getByTestId('setup-role')).toHaveText('инспектордың жұмыс орны');
  await expect(page.getByTestId('setup-data-dir')).toHaveText(dataDir);
  await expect(page.getByTestId('setup-replica')).toContainText(new URL(desk.url).origin);
  await expect(page.getByTestId('setup-replica')).toContainText('IndexedDB');
  // The identity and the certified key; the desk, started already behind the page, keeps its log beside them.
  expect(await readdir(dataDir)).toEqual(expect.arrayContaining([DESK_IDENTITY_FILE, 'desk-key.json']));
  expect(JSON.parse(await readFile(join(dataDir, DESK_IDENTITY_FILE), 'utf8'))).toMatchObject({ serverUrl: central.url, checkpointId: 'dostyk-avto', deskId: 'dostyk-avto-7', role: 'desk' });
  await page.screenshot({ path: 'test-results/first-run-3-confirm-kk.png', fullPage: true });
  await page.getByTestId('lang-en').click();
  await expect(page.getByTestId('setup-checkpoint')).toContainText('Dostyk-avto');
  await page.screenshot({ path: 'test-results/first-run-3-confirm-en.png', fullPage: true });
  await page.getByTestId('lang-kk').click();

  // Start: the same address, now the desk (no restart of the web host), in the language chosen here.
  await page.getByTestId('setup-start').click();
  await expect(page.getByTestId('login-screen')).toBeVisible({ timeout: 30_000 });
  expect(new URL(page.url()).origin).toBe(new URL(desk.url).origin);
  await page.screenshot({ path: 'test-results/first-run-4-login-kk.png', fullPage: true });
  await logIn(page, 'asqar');
  await expect(page.getByTestId('current-user')).toContainText('Серікұлы Асқар');
  await expect(page.getByTestId('checkpoint-name')).toContainText('Достық');
  // The desk pulls the centre's permits with the token the enrolment gave it.
  await expect(page.getByTestId('replica-count')).toHaveAttribute('data-count', '50', { timeout: 60_000 });
  await expect(page.getByTestId('sync-online')).toHaveAttribute('data-online', 'true');
  await page.screenshot({ path: 'test-results/first-run-5-synced-kk.png', fullPage: true });
  expect(desk.output.join('')).toContain('desk enrolled as dostyk-avto/dostyk-avto-7 (desk)');

  // The wizard is gone: its routes refuse to enrol again, its page is not served.
  const again = await page.evaluate(async (token) => {
    const r = await fetch('/setup/enrol', { method: 'POST', headers: { 'x-shekara-token': token, 'content-type': 'application/json' }, body: JSON.stringify({ serverUrl: 'http://127.0.0.1:1', code: 'ABCD-EFGH-JKMN' }) });
    return (await r.json()) as { error?: string };
  }, new URL(desk.url).hash.replace('#token=', ''));
  expect(again.error).toBe('already-enrolled');
  expect((await page.request.get(new URL('/setup.html', desk.url).href)).status()).toBe(404);
});
