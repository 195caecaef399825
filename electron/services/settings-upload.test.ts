import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceSettings } from '../../shared/devices/device-settings.ts';
import { buildServer } from '../../server/app.ts';
import type { Db } from '../../server/db/db.ts';
import { listDeviceSettings } from '../../server/devices/device-settings-routes.ts';
import { registerDevice } from '../../server/sync/devices.ts';
import { TEST_DATABASES } from '../../server/testing/test-databases.ts';
import { createSettingsUploader, type SettingsUploader } from './settings-upload.ts';

const TOKEN = 'desk-upload-token-0123456789abcdef';

function settingsAt(revision: number): DeviceSettings {
  return {
    thermal: { connection: { kind: 'tcp', host: '127.0.0.1', port: 9100 }, paperWidthMm: 80, dotsPerLine: 576, codePage: 'kz1048', supportsQrCommand: true, cut: true, density: 0 },
    document: { queue: 'file:/tmp/x', blankMode: 'full-form', offsetXmm: 0, offsetYmm: 0, scale: 1 },
    scanner: { wedge: { maxIntervalMs: 35, minLength: 6, prefix: '', suffix: 'Enter', idleMs: 80 }, serial: null },
    revision,
    updatedAt: '2026-12-02T16:00:00+05:00',
    updatedBy: 'technician',
  };
}

async function until(condition: () => boolean, ms = 5_000): Promise<void> {
  for (const end = Date.now() + ms; !condition(); ) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The desk's uploader against a real centre (buildServer on PGlite) listening on 127.0.0.1. */
describe('settings uploader', () => {
  let db: Db;
  let drop: () => Promise<void>;
  let app: FastifyInstance | undefined;
  let dataDir: string;
  let uploaders: SettingsUploader[];
  let requests: number;
  /** fetch, counted: how many times the uploader called the centre. */
  const countingFetch: typeof fetch = (input, init) => {
    requests++;
    return fetch(input, init);
  };

  beforeAll(async () => {
    ({ db, drop } = await TEST_DATABASES[0]!.open());
    await registerDevice(db, TOKEN, { checkpointId: 'dostyk-avto', deskId: 'dostyk-avto-1' });
  });
  afterAll(() => drop());
  beforeEach(async () => {
    await db.exec('TRUNCATE device_settings');
    dataDir = await mkdtemp(join(tmpdir(), 'shekara-upload-'));
    uploaders = [];
    requests = 0;
  });
  afterEach(async () => {
    for (const u of uploaders) u.stop();
    await app?.close();
    app = undefined;
    await rm(dataDir, { recursive: true, force: true });
  });

  async function startCentre(port = 0): Promise<string> {
    app = buildServer({ db });
    await app.listen({ port, host: '127.0.0.1' });
    return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  }
  async function uploader(serverUrl: string): Promise<SettingsUploader> {
    const u = await createSettingsUploader({ serverUrl, deviceToken: TOKEN, dataDir, retryMs: 50, fetch: countingFetch });
    uploaders.push(u);
    return u;
  }

  it('delivers, remembers the centre revision on disk, and a restarted desk does not resend it', async () => {
    const url = await startCentre();
    const first = await uploader(url);
    expect(first.centreRevision()).toBeNull();
    first.send(settingsAt(2));
    await first.idle();
    expect(requests).toBe(1);
    expect(first.centreRevision()).toBe(2);
    expect((await listDeviceSettings(db)).map((d) => d.revision)).toEqual([2]);
    expect((await readFile(join(dataDir, 'device-settings.centre'), 'utf8')).trim()).toBe('2');
    // Already there: the same uploader does not send it again either.
    first.send(settingsAt(2));
    await first.idle();
    expect(requests).toBe(1);
    first.stop();

    const again = await uploader(url);
    expect(again.centreRevision()).toBe(2);
    again.send(settingsAt(2));
    again.send(settingsAt(1));
    await again.idle();
    expect(requests).toBe(1);
    again.send(settingsAt(3));
    await again.idle();
    expect(requests).toBe(2);
    expect(again.centreRevision()).toBe(3);
  });

  it('retries while the centre is down and delivers once it is up, then stops trying', async () => {
    // A port that was just free: the centre is "down" until a server listens there again.
    const url = await startCentre();
    const port = Number(new URL(url).port);
    await app!.close();
    app = undefined;

    const logged: string[] = [];
    const u = await createSettingsUploader({ serverUrl: url, deviceToken: TOKEN, dataDir, retryMs: 50, fetch: countingFetch, log: (l) => logged.push(l) });
    uploaders.push(u);
    u.send(settingsAt(1));
    await until(() => requests >= 3); // failed, then retried on its own
    expect(u.centreRevision()).toBeNull();
    expect(logged.some((l) => l.includes('not sent to the centre yet'))).toBe(true);

    await startCentre(port);
    await until(() => u.centreRevision() === 1);
    expect((await listDeviceSettings(db)).map((d) => d.revision)).toEqual([1]);
    const delivered = requests;
    await new Promise((r) => setTimeout(r, 200));
    expect(requests).toBe(delivered); // no more attempts once delivered
  });

  it('does not retry after stop()', async () => {
    const u = await uploader('http://127.0.0.1:9'); // discard port: refused at once
    u.send(settingsAt(1));
    await until(() => requests >= 2);
    u.stop();
    await new Promise((r) => setTimeout(r, 100)); // one attempt may already be in flight
    const stoppedAt = requests;
    await new Promise((r) => setTimeout(r, 250));
    expect(requests).toBe(stoppedAt);
  });

  it('treats a refused token as not delivered', async () => {
    const url = await startCentre();
    const u = await createSettingsUploader({ serverUrl: url, deviceToken: 'unknown-token-0123456789abcdef', dataDir, retryMs: 60_000, fetch: countingFetch });
    uploaders.push(u);
    u.send(settingsAt(1));
    await u.idle();
    expect(requests).toBe(1);
    expect(u.centreRevision()).toBeNull();
    expect(await listDeviceSettings(db)).toEqual([]);
  });

  it('a centre ahead of the desk (its folder wiped) gets the settings renumbered above its own, not dropped', async () => {
    const url = await startCentre();
    const old = await uploader(url);
    old.send(settingsAt(5));
    await until(() => old.centreRevision() === 5);
    await rm(dataDir, { recursive: true, force: true });
    dataDir = await mkdtemp(join(tmpdir(), 'shekara-upload-'));
    const ahead: number[] = [];
    const fresh = await createSettingsUploader({ serverUrl: url, deviceToken: TOKEN, dataDir, retryMs: 50, fetch: countingFetch, onCentreAhead: (r) => void ahead.push(r) });
    uploaders.push(fresh);
    fresh.send(settingsAt(1));
    await until(() => ahead.length > 0);
    expect(ahead).toEqual([5]);
    expect(fresh.centreRevision()).toBeNull();
    // What the desk then does (device-settings-store renumberAbove): send them again as revision 6.
    fresh.send(settingsAt(6));
    await until(() => fresh.centreRevision() === 6);
  });

  it('settings the centre refuses (400) are not retried', async () => {
    const url = await startCentre();
    const u = await uploader(url);
    u.send({ ...settingsAt(1), document: { ...settingsAt(1).document, scale: 5 } });
    await u.idle();
    const after = requests;
    await new Promise((r) => setTimeout(r, 300));
    expect(requests).toBe(after);
    expect(after).toBe(1);
    expect(u.centreRevision()).toBeNull();
  });
});
