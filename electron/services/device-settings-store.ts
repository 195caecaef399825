/**
 * The desk's device settings on disk (dataDir/device-settings.json): read at launch, replaced whole
 * and atomically when a technician saves, so a power cut leaves the old file or the new one. Until a
 * technician saves, the settings come from the launch configuration (environment and flags).
 */
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { deviceSettingsInputSchema, deviceSettingsSchema, type DeviceSettings, type DeviceSettingsInput } from '../../shared/devices/device-settings.ts';

export type SaveOutcome = { ok: true; settings: DeviceSettings } | { ok: false; problems: string[] };

export type DeviceSettingsStore = {
  current(): DeviceSettings;
  /** Whether the settings were saved by a technician (true) or are still the launch defaults. */
  saved(): boolean;
  save(input: unknown, updatedBy: string): Promise<SaveOutcome>;
  /** Renumbers the current settings above `revision` (the centre's), unchanged otherwise; listeners hear it. */
  renumberAbove(revision: number): Promise<void>;
  onChange(listener: (settings: DeviceSettings) => void): void;
};

export const SETTINGS_FILE = 'device-settings.json';

function problemsOf(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string[] {
  return error.issues.map((i) => `${i.path.map(String).join('.') || '(settings)'}: ${i.message}`);
}

export async function openDeviceSettingsStore(opts: { dataDir: string; defaults: DeviceSettingsInput; log?: (line: string) => void; now?: () => Date }): Promise<DeviceSettingsStore> {
  const file = join(opts.dataDir, SETTINGS_FILE);
  const now = opts.now ?? (() => new Date());
  const listeners: ((s: DeviceSettings) => void)[] = [];
  let current: DeviceSettings = { ...deviceSettingsInputSchema.parse(opts.defaults), revision: 0, updatedAt: now().toISOString(), updatedBy: 'launch configuration' };
  let fromFile = false;
  try {
    const parsed = deviceSettingsSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    if (parsed.success) {
      current = parsed.data;
      fromFile = true;
    } else {
      // Not ours or damaged by hand: keep it for support and carry on with the launch defaults.
      await rename(file, `${file}.invalid-${Date.now()}`);
      opts.log?.(`device settings in ${file} are invalid (${problemsOf(parsed.error).join('; ')}); kept aside, using the launch configuration`);
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code !== 'ENOENT') {
      await rename(file, `${file}.invalid-${Date.now()}`).catch(() => undefined);
      opts.log?.(`device settings in ${file} could not be read (${err instanceof Error ? err.message : String(err)}); using the launch configuration`);
    }
  }
  // Saves run one at a time, so two quick saves cannot interleave their writes.
  let queue: Promise<unknown> = Promise.resolve();

  async function write(next: DeviceSettings): Promise<void> {
    await mkdir(dirname(file), { recursive: true });
    // Flushed before the rename: after a power cut the file is the old one or the new one, never empty.
    const handle = await open(`${file}.tmp`, 'w');
    try {
      await handle.writeFile(`${JSON.stringify(next, null, 2)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(`${file}.tmp`, file);
    current = next;
    fromFile = true;
    for (const l of listeners) l(next);
  }

  return {
    current: () => current,
    saved: () => fromFile,
    save(input, updatedBy) {
      const run = async (): Promise<SaveOutcome> => {
        const parsed = deviceSettingsInputSchema.safeParse(input);
        if (!parsed.success) return { ok: false, problems: problemsOf(parsed.error) };
        const next: DeviceSettings = { ...parsed.data, revision: current.revision + 1, updatedAt: now().toISOString(), updatedBy };
        await write(next);
        return { ok: true, settings: next };
      };
      const result = queue.then(run, run);
      queue = result.catch(() => undefined);
      return result;
    },
    renumberAbove(revision) {
      const run = async () => {
        if (current.revision <= revision) await write({ ...current, revision: revision + 1 });
      };
      const result = queue.then(run, run);
      queue = result.catch(() => undefined);
      return result;
    },
    onChange: (listener) => void listeners.push(listener),
  };
}
