import { chromium, expect, test, type BrowserContext } from '@playwright/test';
import { logIn } from './log-in.ts';
import { execFileSync } from 'node:child_process';
import { mkdir, rm, stat, statfs } from 'node:fs/promises';
import { join } from 'node:path';
import { centralCrossings, newDeviceToken, startCentral, startWebHost, tempDir, type Running } from '../support/processes.ts';

/**
 * The desk's disk fills up. Chromium's profile lives on a small tmpfs which the test fills to the last
 * byte, so IndexedDB really fails to write (Chromium's CDP quota override does not reach IndexedDB in
 * this Chromium; a full disk is also what a kiosk actually meets). The officer is told plainly that
 * nothing was saved, nothing half-written reaches the centre, and once space is back the same exit is
 * recorded exactly once. Mounting needs root, which CI has; elsewhere the test is skipped.
 */
let central: Running;
let desk: Running;
let mountDir = '';
let context: BrowserContext | undefined;
const deviceToken = newDeviceToken();

function tryMount(dir: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64m', 'tmpfs', dir], { stdio: 'pipe' });
    return true;
  } catch (err) {
    if (process.env.CI) throw new Error(`CI must be able to mount a tmpfs for the full-disk test: ${String(err)}`);
    return false;
  }
}

test.beforeAll(async () => {
  mountDir = await tempDir('full-disk');
  test.skip(!tryMount(mountDir), 'mounting a tmpfs needs root');
  central = await startCentral({ dataDir: await tempDir('central-quota'), deviceToken });
  desk = await startWebHost({ serverUrl: central.url, deviceToken, dataDir: await tempDir('desk-quota') });
});

test.afterAll(async () => {
  await context?.close();
  await desk?.stop();
  await central?.stop();
  if (mountDir) execFileSync('umount', ['-l', mountDir], { stdio: 'ignore' });
});

/**
 * Takes every free byte of the tmpfs with one file. Chromium keeps writing to its profile meanwhile, so
 * the free space measured can be gone by the time it is claimed (fallocate then fails with ENOSPC):
 * measure again and grow the file by what is free now, until nothing is.
 */
async function fillDisk(filler: string): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const { bavail, bsize } = await statfs(mountDir);
    if (bavail === 0) return;
    const have = await stat(filler).then((s) => s.size, () => 0);
    try {
      execFileSync('fallocate', ['-l', String(have + bavail * bsize), filler], { stdio: 'pipe' });
    } catch {
      // Space shrank between the measure and the claim: measure again.
    }
  }
  throw new Error(`the tmpfs at ${mountDir} did not fill up`);
}

test('a full disk refuses the exit with a clear message and loses nothing', async () => {
  await mkdir(join(mountDir, 'profile'), { recursive: true });
  context = await chromium.launchPersistentContext(join(mountDir, 'profile'), {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    locale: 'kk-KZ',
    timezoneId: 'Asia/Almaty',
    viewport: { width: 1280, height: 860 },
  });
  const page = await context.newPage();
  await page.goto(desk.url);
  await logIn(page, 'asqar');
  await expect(page.getByTestId('replica-count')).toHaveAttribute('data-count', '1000', { timeout: 60_000 });
  await expect(page.getByTestId('sync-online')).toHaveAttribute('data-online', 'true');
  const scan = async (number: string) => {
    await page.getByTestId('scan-input').fill(number);
    await page.getByTestId('scan-input').press('Enter');
  };
  const exitsAtCentre = async (permitId: string) => (await centralCrossings(central.url, deviceToken)).filter((c) => c.permitId === permitId && c.direction === 'exit').length;

  // The disk fills. A small write may still land in the last page of a file already on disk, so exits
  // are recorded one after another until the desk refuses; each that went through was really recorded.
  // Chromium may then refuse even to read (it cannot reopen its store on a full disk): the desk must
  // say so, and never leave the previous vehicle's verdict on screen for the new scan.
  await fillDisk(join(mountDir, 'filler'));
  const recorded: string[] = [];
  let refused: string | null = null;
  for (const permit of ['A26-000001', 'A26-000006', 'A26-000011', 'A26-000016', 'A26-000021']) {
    await scan(permit);
    const read = await Promise.race([
      page.locator('[data-testid="verdict"][data-status="lookup-failed"]').waitFor().then(() => 'failed' as const),
      page.locator('[data-testid="verdict"][data-status="valid"]').filter({ hasText: permit }).waitFor().then(() => 'valid' as const),
    ]);
    if (read === 'failed') {
      await expect(page.getByTestId('verdict')).toContainText('Ештеңе жазылмады');
      refused = permit;
      break;
    }
    await page.getByTestId('record-exit').click();
    const outcome = await Promise.race([
      page.getByTestId('notice').filter({ hasText: 'САҚТАЛМАДЫ' }).waitFor().then(() => 'refused' as const),
      page.locator('[data-testid="verdict"][data-status="used"]').waitFor().then(() => 'recorded' as const),
    ]);
    if (outcome === 'refused') {
      await expect(page.getByTestId('notice')).toHaveClass(/notice-error/);
      refused = permit;
      break;
    }
    recorded.push(permit);
  }
  expect(refused).not.toBeNull();
  await expect(page.getByTestId('storage-full')).toBeVisible();
  await page.screenshot({ path: 'test-results/storage-full.png', fullPage: true });
  // Refused whole: the centre has nothing for it.
  expect(await exitsAtCentre(refused!)).toBe(0);

  // The technician frees space: the desk notices by itself and restarts its page, which asks who is
  // there like any restart; then the same exit goes through, once.
  await rm(join(mountDir, 'filler'));
  await logIn(page, 'asqar');
  await expect(page.getByTestId('storage-full')).toHaveCount(0);
  await expect(page.getByTestId('replica-count')).toHaveAttribute('data-count', '1000', { timeout: 60_000 });
  await scan(refused!);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-status', 'valid'); // read again: still unused here
  await page.getByTestId('record-exit').click();
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-status', 'used');
  await expect(page.getByTestId('notice')).not.toContainText('САҚТАЛМАДЫ');
  // Every exit, recorded before or after the disk filled, reaches the centre exactly once.
  await expect(page.getByTestId('sync-waiting')).toHaveAttribute('data-count', '0', { timeout: 30_000 });
  for (const permit of [...recorded, refused!]) await expect.poll(() => exitsAtCentre(permit)).toBe(1);
  // And it survives a reload: written to disk, not only held in memory.
  await page.reload();
  await logIn(page, 'asqar');
  await scan(refused!);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-status', 'used');
});
