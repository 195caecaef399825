/**
 * The desk's configuration: which central server, with which device token, at which checkpoint and
 * desk. Read from the environment (build/start.ts and the kiosk installer set it) or, when the environment
 * sets no token, from the identity an enrolment with a one-time code kept in the data folder
 * (desk-enrolment.ts; a variable that is set still wins). A missing or bad value stops the app at launch
 * with a message naming the variable, not later at the first sync.
 */
import { z } from 'zod';
import { DESK_IDENTITY_FILE, readDeskIdentity } from './desk-enrolment.ts';

/** role: a desk kiosk, or the checkpoint's supervisor station (stock and stacks); the centre registers the same. */
export type DeskConfig = { serverUrl: string; deviceToken: string; checkpointId: string; deskId: string; role: 'desk' | 'supervisor' };

const ENV_NAMES = {
  serverUrl: 'SHEKARA_SERVER_URL',
  deviceToken: 'SHEKARA_DEVICE_TOKEN',
  checkpointId: 'SHEKARA_CHECKPOINT',
  deskId: 'SHEKARA_DESK',
  role: 'SHEKARA_DESK_ROLE',
} as const satisfies Record<keyof DeskConfig, string>;

const deskConfigSchema = z.object({
  serverUrl: z
    .string()
    .url('must be an http(s) URL')
    .refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL'),
  deviceToken: z.string().min(16, 'must be at least 16 characters').max(200, 'must be at most 200 characters'),
  checkpointId: z.string().min(1).max(40, 'must be at most 40 characters'),
  deskId: z.string().min(1).max(40, 'must be at most 40 characters'),
  role: z.enum(['desk', 'supervisor'], 'must be desk or supervisor').default('desk'),
});

export class DeskConfigError extends Error {
  override name = 'DeskConfigError';
}

/** `dataDir`: the desk's data folder, where `npm run enrol` keeps desk-identity.json. */
export function readDeskConfig(env: NodeJS.ProcessEnv = process.env, dataDir?: string): DeskConfig {
  const fromEnv: Record<string, string | undefined> = Object.fromEntries(Object.entries(ENV_NAMES).map(([key, name]) => [key, env[name]?.trim() || undefined]));
  const identity = !fromEnv.deviceToken && dataDir ? readDeskIdentity(dataDir) : null;
  if (identity) {
    // The token belongs to the enrolled desk: a variable naming another desk would push in the wrong name.
    const clash = (['checkpointId', 'deskId'] as const).filter((k) => fromEnv[k] !== undefined && fromEnv[k] !== identity[k]);
    if (clash.length > 0) failWith(clash.map((k) => `${ENV_NAMES[k]} is ${fromEnv[k]} but this desk is enrolled as ${identity[k]} (${DESK_IDENTITY_FILE}); unset it or enrol again`));
  }
  const raw = identity ? Object.fromEntries(Object.keys(ENV_NAMES).map((k) => [k, fromEnv[k] ?? identity[k as keyof typeof identity]])) : fromEnv;
  const parsed = deskConfigSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const key = issue.path[0] as keyof DeskConfig;
    const name = ENV_NAMES[key];
    return raw[key] === undefined ? `${name} is missing${key === 'deviceToken' && dataDir ? ' (or enrol this desk: npm run enrol -- --server URL --code CODE)' : ''}` : `${name} ${issue.message}`;
  });
  return failWith([...new Set(problems)]);
}

function failWith(problems: string[]): never {
  throw new DeskConfigError(`desk configuration is incomplete: ${problems.join('; ')}`);
}

/** The central server's origin, for the Content-Security-Policy's connect-src. */
export function serverOrigin(config: DeskConfig): string {
  return new URL(config.serverUrl).origin;
}
