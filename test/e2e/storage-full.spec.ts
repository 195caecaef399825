import { chromium, expect, test, type BrowserContext } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdir, rm, statfs } from 'node:fs/promises';
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

/** Takes every free byte of the tmpfs with one file. */
async function fillDisk(filler: string): Promise<void> {
  const { bavail, bsize } = await statfs(mountDir);
  execFileSync('fallocate', ['-l', String(bavail * bsize), filler]);
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
  await expect(page.getByTestId('replica-count')).toHaveAttribute('data-count', '1000', { timeout: 60_000 });
  await expect(page.getByTestId('sync-online')).toHaveAttribute('data-online', 'true');
  await page.getByTestId('officer-input').fill('Серікұлы Асқар');
  await page.getByTestId('scan-input').fill('A26-000001');
  await page.getByTestId('scan-input').press('Enter');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-status', 'valid');

  const filler = join(mountDir, 'filler');
  await fillDisk(filler);
  await page.getByTestId('record-exit').click();
  await expect(page.getByTestId('notice')).toContainText('САҚТАЛМАДЫ');
  await expect(page.getByTestId('storage-full')).toBeVisible();
  await page.screenshot({ path: 'test-results/storage-full.png', fullPage: true });
  // Refused whole: nothing waits to be sent and the centre has nothing for this permit.
  await expect(page.getByTestId('sync-waiting')).toHaveAttribute('data-count', '0');
  expect((await centralCrossings(central.url, deviceToken)).filter((c) => c.permitId === 'A26-000001')).toEqual([]);

  // The technician frees space: the warning clears by itself and the same exit goes through, once.
  await rm(filler);
  await expect(page.getByTestId('storage-full')).toHaveCount(0, { timeout: 40_000 });
  await page.getByTestId('scan-input').fill('A26-000001');
  await page.getByTestId('scan-input').press('Enter');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-status', 'valid'); // read again: still unused here
  await page.getByTestId('record-exit').click();
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-status', 'used');
  await expect(page.getByTestId('notice')).not.toContainText('САҚТАЛМАДЫ');
  await expect(page.getByTestId('sync-waiting')).toHaveAttribute('data-count', '0');
  await expect.poll(async () => (await centralCrossings(central.url, deviceToken)).filter((c) => c.permitId === 'A26-000001').length).toBe(1);
  // And it survives a reload: written to disk, not only held in memory.
  await page.reload();
  await page.getByTestId('scan-input').fill('A26-000001');
  await page.getByTestId('scan-input').press('Enter');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-status', 'used');
});
