/**
 * Outbox drain: a desk in Chromium records 5,000 crossings while a black-holing proxy cuts it off from
 * the centre, then the link heals. Timed from the heal until the status bar shows nothing waiting and
 * the centre holds every one of them exactly once. Target ≤ 10 s (issue 5).
 *
 * Baseline in the same run: the same 5,000 documents posted straight to the centre's push endpoint
 * from Node in batches of 200, the floor the desk's replication stands on.
 */
import type { Browser } from '@playwright/test';
import { ulid } from '../../shared/ids/ulid.ts';
import { startFaultProxy } from '../support/fault-proxy.ts';
import { centralCrossings, newDeviceToken, startCentral, startWebHost, tempDir } from '../support/processes.ts';

export async function benchOutbox(browser: Browser, records = 5_000): Promise<string[]> {
  const deviceToken = newDeviceToken();
  const central = await startCentral({ dataDir: await tempDir('bench-outbox-central'), deviceToken, demoPermits: 1_000 });
  const centralPort = Number(new URL(central.url).port);
  const proxy = await startFaultProxy({ host: '127.0.0.1', port: centralPort });
  const desk = await startWebHost({ serverUrl: proxy.url, deviceToken, dataDir: await tempDir('bench-outbox-desk'), benchHooks: true });
  const page = await browser.newPage();
  try {
    await page.goto(desk.url);
    await page.getByTestId('replica-count').and(page.locator('[data-count="1000"]')).waitFor({ timeout: 120_000 });

    // The link goes dark: new connections hang, open ones are cut.
    proxy.setMode({ kind: 'blackhole' });
    proxy.dropAll();
    await page.locator('[data-testid="sync-online"][data-online="false"]').waitFor({ timeout: 60_000 });
    let t0 = Date.now();
    await page.evaluate((n) => window.shekaraBench!.recordCrossings(n), records);
    const recordS = (Date.now() - t0) / 1000;
    await page.locator(`[data-testid="sync-waiting"][data-count="${records}"]`).waitFor({ timeout: 60_000 });
    const benchAtCentre = async () => (await centralCrossings(central.url, deviceToken)).filter((c) => c.officerName === 'Bench');
    if ((await benchAtCentre()).length !== 0) throw new Error('a crossing reached the centre through the black hole');

    // The link comes back.
    t0 = Date.now();
    proxy.setMode({ kind: 'pass' });
    proxy.dropAll();
    await page.locator('[data-testid="sync-waiting"][data-count="0"]').waitFor({ timeout: 120_000 });
    const drainS = (Date.now() - t0) / 1000;
    const atCentre = await benchAtCentre();
    const ids = new Set(atCentre.map((c) => c.id));
    if (atCentre.length !== records || ids.size !== records) throw new Error(`the centre holds ${atCentre.length} crossings (${ids.size} distinct), expected ${records}`);

    // Baseline: the same documents under fresh ids, so the centre stores each anew.
    const docs = atCentre.map((doc) => ({ ...doc, id: ulid(), receivedAt: 0 }));
    t0 = Date.now();
    for (let i = 0; i < docs.length; i += 200) {
      const rows = docs.slice(i, i + 200).map((d) => ({ newDocumentState: d }));
      const res = await fetch(`${central.url}/sync/v1/crossings/push`, { method: 'POST', headers: { authorization: `Bearer ${deviceToken}`, 'content-type': 'application/json' }, body: JSON.stringify(rows) });
      if (!res.ok) throw new Error(`baseline push answered ${res.status}`);
    }
    const baselineS = (Date.now() - t0) / 1000;
    return [
      `${records} crossings recorded offline in the page: ${recordS.toFixed(1)} s`,
      `drained after the link healed (until nothing waits, all at the centre once): ${drainS.toFixed(1)} s   target ≤ 10 s: ${drainS <= 10 ? 'met' : 'NOT met'}`,
      `baseline: the same ${records} pushed straight from Node, 200 per request: ${baselineS.toFixed(1)} s   ratio ${(drainS / baselineS).toFixed(1)}×`,
    ];
  } finally {
    await page.close();
    await desk.stop();
    await proxy.close();
    await central.stop();
  }
}
