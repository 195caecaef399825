import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceSettings, DeviceSettingsInput } from '../../shared/devices/device-settings.ts';
import { openDeviceSettingsStore, SETTINGS_FILE } from './device-settings-store.ts';

const DEFAULTS: DeviceSettingsInput = {
  thermal: { connection: { kind: 'tcp', host: '127.0.0.1', port: 9100 }, paperWidthMm: 80, dotsPerLine: 576, codePage: 'kz1048', supportsQrCommand: true, cut: true, density: 0 },
  document: { queue: 'file:/tmp/x', blankMode: 'full-form', offsetXmm: 0, offsetYmm: 0, scale: 1 },
  scanner: { wedge: { maxIntervalMs: 35, minLength: 6, prefix: '', suffix: 'Enter', idleMs: 80 }, serial: null },
};

/** The defaults with the thermal printer's host changed, so a save is told apart from the defaults. */
const withHost = (host: string): DeviceSettingsInput => ({ ...DEFAULTS, thermal: { ...DEFAULTS.thermal!, connection: { kind: 'tcp', host, port: 9100 } } });
const hostOf = (s: DeviceSettings) => (s.thermal?.connection.kind === 'tcp' ? s.thermal.connection.host : null);

describe('device settings store', () => {
  let dir: string;
  const file = () => join(dir, SETTINGS_FILE);
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shekara-settings-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('starts from the launch defaults when there is no file', async () => {
    const store = await openDeviceSettingsStore({ dataDir: dir, defaults: DEFAULTS });
    expect(store.saved()).toBe(false);
    expect(store.current()).toMatchObject({ ...DEFAULTS, revision: 0, updatedBy: 'launch configuration' });
  });

  it('refuses invalid input naming the field, and leaves the disk alone', async () => {
    const store = await openDeviceSettingsStore({ dataDir: dir, defaults: DEFAULTS });
    const outcome = await store.save({ ...DEFAULTS, document: { ...DEFAULTS.document, scale: 2 } }, 'tech');
    expect(outcome.ok).toBe(false);
    expect(outcome.ok === false && outcome.problems.join('\n')).toMatch(/^document\.scale: /m);
    expect(await readdir(dir)).toEqual([]);
    expect(store.current().revision).toBe(0);
    expect(store.saved()).toBe(false);
  });

  it('writes revision 1 then 2, and a reopened store reads the file back', async () => {
    const store = await openDeviceSettingsStore({ dataDir: dir, defaults: DEFAULTS });
    const first = await store.save(withHost('192.168.1.50'), 'tech A');
    expect(first).toMatchObject({ ok: true, settings: { revision: 1, updatedBy: 'tech A' } });
    expect(store.saved()).toBe(true);
    const second = await store.save(withHost('192.168.1.51'), 'tech B');
    expect(second).toMatchObject({ ok: true, settings: { revision: 2 } });
    expect(JSON.parse(await readFile(file(), 'utf8'))).toMatchObject({ revision: 2, updatedBy: 'tech B' });
    expect(await readdir(dir)).toEqual([SETTINGS_FILE]); // no .tmp left behind

    const reopened = await openDeviceSettingsStore({ dataDir: dir, defaults: DEFAULTS });
    expect(reopened.saved()).toBe(true);
    expect(reopened.current()).toMatchObject({ revision: 2, updatedBy: 'tech B' });
    expect(hostOf(reopened.current())).toBe('192.168.1.51');
    // Revisions continue from the file, not from 0.
    expect(await reopened.save(DEFAULTS, 'tech C')).toMatchObject({ ok: true, settings: { revision: 3 } });
  });

  for (const [what, content] of [
    ['not JSON', '{"thermal": '],
    ['JSON of the wrong shape', JSON.stringify({ ...DEFAULTS, revision: -1, updatedAt: 'yesterday', updatedBy: '' })],
  ] as const) {
    it(`keeps a file that is ${what} aside and uses the defaults`, async () => {
      await writeFile(file(), content);
      const logged: string[] = [];
      const store = await openDeviceSettingsStore({ dataDir: dir, defaults: withHost('10.0.0.9'), log: (l) => logged.push(l) });
      expect(store.saved()).toBe(false);
      expect(store.current().revision).toBe(0);
      expect(hostOf(store.current())).toBe('10.0.0.9');
      const files = await readdir(dir);
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/^device-settings\.json\.invalid-\d+$/);
      expect(await readFile(join(dir, files[0]!), 'utf8')).toBe(content);
      expect(logged).toHaveLength(1);
    });
  }

  it('tells listeners about each save, not about a refused one', async () => {
    const store = await openDeviceSettingsStore({ dataDir: dir, defaults: DEFAULTS });
    const seen: number[] = [];
    store.onChange((s) => seen.push(s.revision));
    await store.save(DEFAULTS, 'tech');
    await store.save({ nonsense: true }, 'tech');
    await store.save(DEFAULTS, 'tech');
    expect(seen).toEqual([1, 2]);
  });

  it('runs two concurrent saves one after the other: revisions 1 and 2, the file holds the second', async () => {
    const store = await openDeviceSettingsStore({ dataDir: dir, defaults: DEFAULTS });
    const [a, b] = await Promise.all([store.save(withHost('10.0.0.1'), 'tech A'), store.save(withHost('10.0.0.2'), 'tech B')]);
    expect([a.ok && a.settings.revision, b.ok && b.settings.revision]).toEqual([1, 2]);
    const onDisk = JSON.parse(await readFile(file(), 'utf8')) as DeviceSettings;
    expect(onDisk.revision).toBe(2);
    expect(hostOf(onDisk)).toBe('10.0.0.2');
  });

  it('renumbers above the centre’s revision, keeping the settings, and tells the listeners', async () => {
    const store = await openDeviceSettingsStore({ dataDir: dir, defaults: DEFAULTS });
    await store.save(withHost('10.0.0.7'), 'tech A');
    const heard: number[] = [];
    store.onChange((s) => void heard.push(s.revision));
    await store.renumberAbove(5);
    expect(store.current()).toMatchObject({ revision: 6, updatedBy: 'tech A' });
    expect(hostOf(JSON.parse(await readFile(file(), 'utf8')) as DeviceSettings)).toBe('10.0.0.7');
    await store.renumberAbove(3); // already above: nothing changes
    expect(store.current().revision).toBe(6);
    expect(heard).toEqual([6]);
  });
});
