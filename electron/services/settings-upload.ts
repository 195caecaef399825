/**
 * Sends the desk's device settings to the centre after each save and at launch, retrying every
 * minute while the centre cannot be reached. The revision the centre confirmed is remembered on disk,
 * so a restart does not resend what the centre already has.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DeviceSettings } from '../../shared/devices/device-settings.ts';

export type SettingsUploader = { send(settings: DeviceSettings): void; centreRevision(): number | null; stop(): void; idle(): Promise<void> };

export async function createSettingsUploader(opts: {
  serverUrl: string;
  deviceToken: string;
  dataDir: string;
  log?: (line: string) => void;
  retryMs?: number;
  fetch?: typeof fetch;
}): Promise<SettingsUploader> {
  const file = join(opts.dataDir, 'device-settings.centre');
  const doFetch = opts.fetch ?? fetch;
  const retryMs = opts.retryMs ?? 60_000;
  let confirmed: number | null = null;
  try {
    const n = Number((await readFile(file, 'utf8')).trim());
    if (Number.isInteger(n) && n >= 0) confirmed = n;
  } catch {
    // never confirmed
  }
  let pending: DeviceSettings | null = null;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  async function attempt(): Promise<void> {
    const settings = pending;
    if (!settings || stopped) return;
    try {
      const res = await doFetch(new URL('/api/device-settings', opts.serverUrl), {
        method: 'POST',
        headers: { authorization: `Bearer ${opts.deviceToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ settings }),
        signal: AbortSignal.timeout(15_000),
      });
      if (!res.ok) throw new Error(`centre answered ${res.status}`);
      const body = (await res.json()) as { revision?: unknown };
      if (typeof body.revision !== 'number') throw new Error('centre answered without a revision');
      confirmed = body.revision;
      await writeFile(file, `${confirmed}\n`).catch(() => undefined);
      if (pending === settings) pending = null;
      opts.log?.(`device settings revision ${settings.revision} sent to the centre`);
    } catch (err) {
      opts.log?.(`device settings not sent to the centre yet (${err instanceof Error ? err.message : String(err)}); retrying in ${retryMs / 1000} s`);
      clearTimeout(timer);
      timer = setTimeout(() => void (running = running.then(attempt)), retryMs);
      timer.unref();
    }
  }

  return {
    send(settings) {
      if (confirmed !== null && confirmed >= settings.revision) return;
      pending = settings;
      running = running.then(attempt);
    },
    centreRevision: () => confirmed,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
    idle: () => running,
  };
}
