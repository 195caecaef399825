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
  /**
   * The centre holds a higher revision than the one sent: this desk's folder was wiped or restored
   * from an older copy. The desk renumbers its settings above the centre's, and they go again.
   */
  onCentreAhead?: (centreRevision: number) => void;
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
      if (res.status === 400) {
        // Settings the centre's schema refuses will be refused again: say so once, do not retry.
        if (pending === settings) pending = null;
        opts.log?.(`the centre refused device settings revision ${settings.revision}: ${(await res.text()).slice(0, 300)}`);
        return;
      }
      if (!res.ok) throw new Error(`centre answered ${res.status}`);
      const body = (await res.json()) as { revision?: unknown };
      if (typeof body.revision !== 'number') throw new Error('centre answered without a revision');
      if (body.revision > settings.revision) {
        if (pending === settings) pending = null;
        opts.log?.(`the centre holds device settings revision ${body.revision}, newer than this desk's ${settings.revision}; renumbering`);
        opts.onCentreAhead?.(body.revision);
        return;
      }
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
