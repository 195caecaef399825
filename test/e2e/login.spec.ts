import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, logIn } from './log-in.ts';
import { newDeviceToken, startCentral, startWebHost, tempDir, type CentralOptions, type Running } from '../support/processes.ts';

/**
 * Who may do what at the desk (issue 9 item 1), in the built app: people and their verifiers come from
 * the centre, and the desk checks them offline; wrong passwords lock a login out; an idle desk locks
 * itself and keeps what was typed; a shift is its officer's; a technician records nothing.
 */
let central: Running;
let desk: Running;
const deviceToken = newDeviceToken();
const adminToken = newDeviceToken();
let centralOpts: CentralOptions;

test.beforeAll(async () => {
  centralOpts = { dataDir: await tempDir('central'), deviceToken, demoPermits: 50, adminToken };
  central = await startCentral(centralOpts);
  desk = await startWebHost({ serverUrl: central.url, deviceToken, dataDir: await tempDir('desk') });
});

test.afterAll(async () => {
  await desk?.stop();
  await central?.stop();
});

test('login offline, lockout, idle lock that keeps the work, the shift belongs to its officer', async ({ browser }) => {
  const page = await browser.newPage();
  // The idle lock shortened for the test (the setting can only shorten the 5 minutes).
  await page.addInitScript(() => localStorage.setItem('shekara.idleLockMs', '3000'));
  await page.goto(desk.url);
  await expect(page.getByTestId('login-screen')).toBeVisible();
  await page.screenshot({ path: 'test-results/login-kk.png', fullPage: true });
  // The people arrive with the first sync; then a wrong password is refused in Kazakh, nothing opens.
  await expect(async () => {
    await page.getByTestId('login-input').fill('asqar');
    await page.getByTestId('password-input').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('login-error')).toContainText('Логин немесе құпиясөз қате', { timeout: 3_000 });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByTestId('current-user')).toHaveCount(0);

  // Offline from here on: the centre is stopped; the desk still logs people in from its replica.
  const port = Number(new URL(central.url).port);
  await central.stop();
  // A password typed into the login field by mistake: refused, and never written down as a login.
  await page.getByTestId('login-input').fill('Qwerty-Secret-77');
  await page.getByTestId('password-input').fill('x');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toContainText('Логин немесе құпиясөз қате');
  await logIn(page, 'asqar');
  await expect(page.getByTestId('current-user')).toContainText('Серікұлы Асқар');
  await expect(page.getByTestId('officer-name')).toHaveText('Серікұлы Асқар');
  await expect(page.getByTestId('tab-technician')).toHaveCount(0); // an officer has no technician tools

  // Typed, then left alone: the desk locks itself; what was typed is there after the password.
  await page.getByTestId('scan-input').fill('A26-000001');
  await expect(page.getByTestId('lock-screen')).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId('locked-for')).toContainText('Серікұлы Асқар');
  await page.screenshot({ path: 'test-results/lock-kk.png', fullPage: true });
  await page.getByTestId('password-input').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('lock-screen')).toHaveCount(0);
  await expect(page.getByTestId('scan-input')).toHaveValue('A26-000001');

  // The officer opens a shift and leaves; another officer may not work in it.
  await page.getByTestId('tab-shift').click();
  await page.getByTestId('open-shift').click();
  await expect(page.getByTestId('shift-info')).toContainText('Серікұлы Асқар');
  await page.getByTestId('log-out').click();
  await logIn(page, 'maria');
  await page.getByTestId('tab-verify').click();
  await expect(page.getByTestId('shift-of-another')).toContainText('Серікұлы Асқар');
  await expect(page.getByTestId('scan-input')).toHaveCount(0);
  await page.getByTestId('tab-issue').click();
  await expect(page.getByTestId('shift-of-another')).toBeVisible();
  await page.getByTestId('log-out').click();

  // A technician: the technician's tools and checking scans, no recording, no issuing.
  await logIn(page, 'erlan');
  await expect(page.getByTestId('tab-technician')).toBeVisible();
  await expect(page.getByTestId('tab-issue')).toHaveCount(0);
  await expect(page.getByTestId('tab-shift')).toHaveCount(0);
  await page.getByTestId('log-out').click();

  // Five wrong passwords lock the login out, the right one included, and a reload does not reset it.
  await page.getByTestId('login-input').fill('gulnar');
  for (let i = 0; i < 5; i++) {
    await page.getByTestId('password-input').fill(`guess-${i}`);
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('login-error')).toBeVisible();
    await expect(page.getByTestId('login-submit')).toHaveText('Кіру');
  }
  await expect(page.getByTestId('login-error')).toContainText('бұғатталды');
  await page.reload();
  await page.getByTestId('login-input').fill('gulnar');
  await page.getByTestId('password-input').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toContainText('бұғатталды');
  await expect(page.getByTestId('current-user')).toHaveCount(0);
  await page.getByTestId('lang-ru').click();
  await page.getByTestId('password-input').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toContainText('заблокирован');

  // Back online: every login, refusal, lock, log-out and the shift's opening reached the centre as the
  // desk's audit chain, whole, in order, each naming who.
  central = await startCentral({ ...centralOpts, port });
  type Entry = { seq: number; kind: string; userId: string | null; subject: string };
  const pulled = async (): Promise<Entry[]> => {
    const res = await fetch(`${central.url}/sync/v1/audit/pull?seq=0&limit=500`, { headers: { authorization: `Bearer ${deviceToken}` } });
    return res.ok ? ((await res.json()) as { documents: Entry[] }).documents : [];
  };
  await expect.poll(async () => new Set((await pulled()).map((e) => e.kind)), { timeout: 60_000 }).toEqual(new Set(['login-failed', 'login', 'screen-locked', 'logout', 'shift-opened', 'locked-out']));
  const entries = (await pulled()).sort((a, b) => a.seq - b.seq);
  expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
  expect(entries.filter((e) => e.kind === 'login-failed').map((e) => e.subject)).toEqual(expect.arrayContaining(['asqar', '(unknown login)']));
  expect(JSON.stringify(entries).toLowerCase()).not.toContain('qwerty-secret-77');
  expect(entries.filter((e) => e.kind === 'login').map((e) => e.userId)).toEqual(['asqar', 'asqar', 'maria', 'erlan']);
  expect(entries.find((e) => e.kind === 'shift-opened')).toMatchObject({ userId: 'asqar' });
  expect(entries.filter((e) => e.kind === 'locked-out').map((e) => e.subject)).toContain('gulnar');
  const verify = await fetch(`${central.url}/admin/api/audit/verify?deskId=dostyk-avto-1`, { headers: { authorization: `Bearer ${adminToken}` } });
  expect(await verify.json()).toMatchObject({ deskId: 'dostyk-avto-1', entries: entries.length, verdict: { ok: true }, breakCount: 0 });
});
