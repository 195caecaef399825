import { expect, test } from '@playwright/test';
import { logIn } from './log-in.ts';
import { deskCrossing } from '../../server/testing/fixtures.ts';
import { SYNC_PREFIX } from '../../shared/sync/replication.ts';
import { newDeviceToken, startCentral, startWebHost, tempDir, type Running } from '../support/processes.ts';

/**
 * One permit let out at two checkpoints while they could not see each other: Dostyk-avto records the
 * exit at its desk, Kolzhat's desk pushes its own exit for the same permit. Only the centre sees both;
 * its alert reaches Dostyk-avto's desk, where the supervisor opens it and reads what to do.
 */
let central: Running;
let desk: Running;
const deviceToken = newDeviceToken();
const kolzhatToken = newDeviceToken();

test.beforeAll(async () => {
  central = await startCentral({ dataDir: await tempDir('central-alerts'), deviceToken, moreDevices: [{ token: kolzhatToken, checkpoint: 'kolzhat', desk: 'kolzhat-1' }] });
  desk = await startWebHost({ serverUrl: central.url, deviceToken, dataDir: await tempDir('desk-alerts') });
});

test.afterAll(async () => {
  await desk?.stop();
  await central?.stop();
});

test('a permit used at two checkpoints reaches the supervisor as an alert, in Kazakh and Russian', async ({ page }) => {
  await page.goto(desk.url);
  await logIn(page, 'asqar');
  await expect(page.getByTestId('replica-count')).toHaveAttribute('data-count', '1000', { timeout: 60_000 });
  await expect(page.getByTestId('alerts')).toHaveCount(0);

  await page.getByTestId('scan-input').fill('A26-000001');
  await page.getByTestId('scan-input').press('Enter');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-status', 'valid');
  await page.getByTestId('record-exit').click();
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-status', 'used');
  await expect(page.getByTestId('sync-waiting')).toHaveAttribute('data-count', '0');

  // Kolzhat's desk, offline until now, pushes its own exit for the same permit.
  const there = { ...deskCrossing({ permitId: 'A26-000001' }), checkpointId: 'kolzhat' as const, deskId: 'kolzhat-1' };
  const res = await fetch(`${central.url}${SYNC_PREFIX}/crossings/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${kolzhatToken}`, 'content-type': 'application/json' },
    body: JSON.stringify([{ assumedMasterState: null, newDocumentState: there }]),
  });
  expect(res.status).toBe(200);

  // The alert arrives over the live stream, without a reload.
  await expect(page.getByTestId('alerts')).toHaveAttribute('data-count', '1', { timeout: 30_000 });
  await page.getByTestId('alerts').click();
  const alert = page.getByTestId('alert');
  await expect(alert).toHaveCount(1);
  await expect(alert).toHaveAttribute('data-kind', 'permit-used-twice');
  await expect(alert).toHaveAttribute('data-subject', 'A26-000001');
  await expect(alert).toContainText('A26-000001 рұқсаты екі рет пайдаланылды');
  await expect(alert).toContainText('Көлжат');
  await expect(alert).toContainText('kolzhat-1');
  await expect(alert).toContainText(there.id);
  await page.screenshot({ path: 'test-results/alerts-kk.png', fullPage: true });
  await page.getByTestId('lang-ru').click();
  await expect(alert).toContainText('Разрешение A26-000001 использовано дважды');
  await expect(alert).toContainText('Проверьте обе записи');
});
