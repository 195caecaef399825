import { expect, test, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { logIn } from './log-in.ts';
import { centralCrossings, newDeviceToken, startCentral, startWebHost, tempDir, type Running } from '../support/processes.ts';

/**
 * Issue 10: a desk's replica backed up by the technician and restored on a new machine of the same desk.
 * The desk records an exit while the centre is down, the technician exports the backup, the machine is
 * gone with the record still unsent. A new web host for the same desk, with an empty data folder and a
 * fresh browser profile, imports the file (a damaged copy is refused first), and the record reaches the
 * centre exactly once; the desk's audit chain at the centre stays whole.
 */
const deviceToken = newDeviceToken();
const adminToken = newDeviceToken();
let central: Running;
let centralDir: string;
const started: Running[] = [];

test.beforeAll(async () => {
  centralDir = await tempDir('central');
  central = await startCentral({ dataDir: centralDir, deviceToken, adminToken });
});

test.afterAll(async () => {
  for (const r of started) await r.stop();
  await central?.stop();
});

async function scan(page: Page, text: string) {
  const input = page.getByTestId('scan-input');
  await input.fill(text);
  await input.press('Enter');
}

const exitsAtCentre = async (permitId: string) => (await centralCrossings(central.url, deviceToken)).filter((c) => c.permitId === permitId && c.direction === 'exit');

test('a record the centre never got survives a new machine through the backup, once', async ({ browser }) => {
  test.setTimeout(240_000);
  const files = await tempDir('backup-files');

  // The old machine: synced once, then the centre goes away and an exit is recorded.
  const oldDesk = await startWebHost({ serverUrl: central.url, deviceToken, dataDir: await tempDir('desk-old') });
  started.push(oldDesk);
  const oldContext = await browser.newContext();
  const page = await oldContext.newPage();
  await page.goto(oldDesk.url);
  await logIn(page, 'asqar');
  await expect(page.getByTestId('replica-count')).toHaveAttribute('data-count', '1000', { timeout: 60_000 });
  const port = Number(new URL(central.url).port);
  await central.stop();
  await expect(page.getByTestId('sync-online')).toHaveAttribute('data-online', 'false', { timeout: 30_000 });
  await scan(page, 'A26-000006');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-status', 'valid');
  await page.getByTestId('record-exit').click();
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-status', 'used');
  await expect(page.getByTestId('sync-waiting')).toHaveAttribute('data-count', '1');

  // The technician, still offline, exports the backup.
  await page.getByTestId('log-out').click();
  await logIn(page, 'erlan');
  await page.getByTestId('tab-technician').click();
  const download = page.waitForEvent('download');
  await page.getByTestId('backup-export').click();
  const saved = await download;
  expect(saved.suggestedFilename()).toMatch(/^shekara-backup-dostyk-avto-dostyk-avto-1-\d{4}-\d{2}-\d{2}\.json$/);
  const file = join(files, saved.suggestedFilename());
  await saved.saveAs(file);
  await expect(page.getByTestId('backup-notice')).toContainText('Сақтық көшірме сақталды');
  const text = readFileSync(file, 'utf8');
  const backup = JSON.parse(text) as { deskId: string; checkpointId: string; appVersion: string | null; sha256: string; counts: Record<string, number>; unsynced: Record<string, number>; collections: Record<string, Array<Record<string, unknown>>> };
  expect(backup).toMatchObject({ format: 'shekara-replica-backup', formatVersion: 1, deskId: 'dostyk-avto-1', checkpointId: 'dostyk-avto', unsynced: { crossings: 1 } });
  expect(backup.counts.permits).toBe(1000);
  const mine = backup.collections.crossings!.find((c) => c.permitId === 'A26-000006' && c.receivedAt === 0)!;
  expect(mine).toMatchObject({ deskId: 'dostyk-avto-1', direction: 'exit' });

  // The old machine is gone, its record with it.
  await oldContext.close();
  await oldDesk.stop();
  central = await startCentral({ port, dataDir: centralDir, deviceToken, adminToken });
  expect(await exitsAtCentre('A26-000006')).toHaveLength(0);

  // The new machine: the same desk, an empty data folder, a fresh browser profile.
  const newDesk = await startWebHost({ serverUrl: central.url, deviceToken, dataDir: await tempDir('desk-new') });
  started.push(newDesk);
  const context = await browser.newContext();
  const fresh = await context.newPage();
  await fresh.goto(newDesk.url);
  await logIn(fresh, 'erlan');
  await expect(fresh.getByTestId('replica-count')).toHaveAttribute('data-count', '1000', { timeout: 60_000 });
  await fresh.getByTestId('tab-technician').click();
  const panel = fresh.getByTestId('backup-panel');
  const notice = fresh.getByTestId('backup-notice');

  // A copy damaged in one field is refused, and nothing is offered for import.
  const damaged = join(files, 'damaged.json');
  const name = `"officerName":"${String(mine.officerName)}"`;
  expect(text).toContain(name);
  writeFileSync(damaged, text.replace(name, `"officerName":"${String(mine.officerName).replace('қ', 'к')}"`));
  await panel.getByTestId('backup-file').setInputFiles(damaged);
  await expect(notice).toHaveAttribute('data-kind', 'error');
  await expect(notice).toHaveText('Файл бүлінген: мазмұны бақылау сомасына сәйкес келмейді. Ештеңе импортталмады. Басқа көшірмені алыңыз.');
  await expect(panel.getByTestId('backup-import')).toHaveCount(0);

  // The real one.
  await panel.getByTestId('backup-file').setInputFiles(file);
  await expect(panel.getByTestId('backup-summary')).toContainText('dostyk-avto-1 жұмыс орнының көшірмесі');
  await panel.getByTestId('backup-import').click();
  await expect(notice).toContainText('Импорт аяқталды');
  const crossings = panel.locator('[data-testid="backup-result"] tr[data-collection="crossings"]');
  await expect(crossings).toHaveAttribute('data-added', /^[1-9]\d*$/);
  await expect(panel.locator('[data-testid="backup-result"] tr[data-collection="permits"]')).toHaveAttribute('data-present', '1000');
  // The technician's login joined the desk's chain (pulled back from the centre): the backup's unsent
  // audit entries would fork it, so they stay in the file, and the panel says so.
  await expect(panel.getByTestId('backup-audit-left-out')).toBeVisible();
  await expect(panel.getByTestId('backup-to-push')).toBeVisible();
  await panel.screenshot({ path: 'test-results/backup-panel.png' });

  // The normal replication pushes the record: the centre holds it once, as the old desk made it.
  await expect.poll(async () => (await exitsAtCentre('A26-000006')).length, { timeout: 60_000 }).toBe(1);
  const [atCentre] = await exitsAtCentre('A26-000006');
  expect(atCentre).toMatchObject({ id: mine.id, officerName: mine.officerName, hlc: mine.hlc, deskId: 'dostyk-avto-1' });
  await expect(fresh.getByTestId('sync-waiting')).toHaveAttribute('data-count', '0', { timeout: 30_000 });

  // The same file again adds nothing, and the centre still holds the record once.
  await panel.getByTestId('backup-file').setInputFiles(file);
  await panel.getByTestId('backup-import').click();
  await expect(notice).toContainText('0 жазба қосылды');
  await expect(crossings).toHaveAttribute('data-added', '0');
  await fresh.waitForTimeout(3_000);
  expect(await exitsAtCentre('A26-000006')).toHaveLength(1);

  // The desk's audit chain at the centre: whole, the import in it.
  await expect
    .poll(async () => {
      const res = await fetch(`${central.url}/sync/v1/audit/pull?seq=0&limit=500`, { headers: { authorization: `Bearer ${deviceToken}` } });
      return ((await res.json()) as { documents: { subject: string }[] }).documents.filter((e) => e.subject === 'replica-backup-import').length;
    }, { timeout: 30_000 })
    .toBe(2);
  const verify = await fetch(`${central.url}/admin/api/audit/verify?deskId=dostyk-avto-1`, { headers: { authorization: `Bearer ${adminToken}` } });
  expect(await verify.json()).toMatchObject({ deskId: 'dostyk-avto-1', verdict: { ok: true }, breakCount: 0 });
  await context.close();
});
