/**
 * The first-run wizard's machine side (shared/bridge/setup-bridge.ts), for Electron's main process and
 * the web host alike: a desk with no device token in its environment and no desk-identity.json in its
 * data folder gets this instead of the Bridge. It checks that an address is a Shekara centre, enrols the
 * desk with the administrator's one-time code (desk-enrolment.ts: a refusal writes nothing), and hands
 * the resulting configuration to its host, which then starts the desk. Failures are answers with a code,
 * never throws: the page turns the code into a sentence in its language.
 */
import { z } from 'zod';
import type { CheckServerRequest, CheckServerResult, EnrolRequest, EnrolResult, SetupBridge, SetupDescription, SetupOkResult } from '../../shared/bridge/setup-bridge.ts';
import { CENTRE_KEYS_PATH, centrePublicKeySchema } from '../../shared/keys/certificate-json.ts';
import { DeskConfigError, readDeskConfig, type DeskConfig } from './desk-config.ts';
import { DeskEnrolmentError, enrolDesk, readDeskIdentity } from './desk-enrolment.ts';

/** True when the desk has nothing to start from: no token in the environment, no identity kept by an enrolment. */
export function deskNeedsSetup(env: NodeJS.ProcessEnv, dataDir: string): boolean {
  return !env.SHEKARA_DEVICE_TOKEN?.trim() && readDeskIdentity(dataDir) === null;
}

export type SetupServiceOptions = {
  dataDir: string;
  /** The launch environment: its SHEKARA_SERVER_URL is the default address, and it still wins over the identity (readDeskConfig). */
  env: NodeJS.ProcessEnv;
  platform: SetupDescription['platform'];
  version: string;
  /** Electron: the user-data folder (the replica's IndexedDB is there); the web host: null. */
  profileDir: string | null;
  /** Awaited before enrol answers: the web host starts the desk here, so the page's next load is the app. */
  onEnrolled?: (config: DeskConfig) => Promise<void>;
  /** The page's Start after the confirmation: Electron opens the desk's window here. */
  onStart?: (config: DeskConfig) => void;
  fetchImpl?: typeof fetch;
  /** For checkServer; enrolment keeps enrolDesk's own 15 s. */
  timeoutMs?: number;
};

const centreKeysAnswerSchema = z.object({ centrePublicKeys: z.array(centrePublicKeySchema) });

/** What a failed fetch says underneath undici's "fetch failed": ECONNREFUSED, ENOTFOUND, a certificate error. */
export function describeFetchError(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return `no answer within ${Math.round(timeoutMs / 1000)} s`;
  const cause = err instanceof Error ? (err.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  if (typeof cause?.code === 'string') return typeof cause.message === 'string' && !cause.message.includes(cause.code) ? `${cause.code}: ${cause.message}` : String(cause.message ?? cause.code);
  if (typeof cause?.message === 'string') return cause.message;
  return err instanceof Error ? err.message : String(err);
}

export function createSetupService(opts: SetupServiceOptions): SetupBridge {
  const { dataDir, env, fetchImpl = fetch, timeoutMs = 8_000 } = opts;
  let config: DeskConfig | null = null;
  // One enrolment at a time: a second click waits for the first, then finds the desk enrolled.
  let queue: Promise<unknown> = Promise.resolve();
  const alreadyEnrolled = () => ({ ok: false as const, error: 'already-enrolled' as const, message: 'this desk is enrolled already' });

  async function enrolNow({ serverUrl, code }: EnrolRequest): Promise<EnrolResult> {
    if (config) return alreadyEnrolled();
    try {
      await enrolDesk({ dataDir, serverUrl, code, fetchImpl });
    } catch (err) {
      if (err instanceof DeskEnrolmentError) return { ok: false, error: err.reason, message: err.message };
      // A centre that answered 200 with something else, or a data folder this user may not write.
      return { ok: false, error: 'internal', message: `enrolment failed: ${err instanceof Error ? err.message : String(err)}` };
    }
    // The configuration the next launch would read: the identity, under whatever the environment still sets.
    let enrolled: DeskConfig;
    try {
      enrolled = readDeskConfig(env, dataDir);
    } catch (err) {
      if (err instanceof DeskConfigError) return { ok: false, error: 'conflict', message: err.message };
      throw err;
    }
    config = enrolled;
    try {
      await opts.onEnrolled?.(enrolled);
    } catch (err) {
      return { ok: false, error: 'internal', message: `the desk is enrolled but did not start: ${err instanceof Error ? err.message : String(err)}` };
    }
    return { ok: true, serverUrl: enrolled.serverUrl, checkpointId: enrolled.checkpointId as Extract<EnrolResult, { ok: true }>['checkpointId'], deskId: enrolled.deskId, role: enrolled.role };
  }

  return {
    async describe() {
      return { version: opts.version, platform: opts.platform, dataDir, profileDir: opts.profileDir, defaults: { serverUrl: env.SHEKARA_SERVER_URL?.trim() ?? '' } };
    },

    async checkServer({ serverUrl }: CheckServerRequest): Promise<CheckServerResult> {
      if (config) return alreadyEnrolled();
      let res: Response;
      try {
        res = await fetchImpl(new URL(CENTRE_KEYS_PATH, serverUrl), { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
      } catch (err) {
        return { ok: false, error: 'unreachable', message: `${serverUrl}: ${describeFetchError(err, timeoutMs)}` };
      }
      const body: unknown = await res.json().catch(() => null);
      const parsed = centreKeysAnswerSchema.safeParse(body);
      if (!res.ok || !parsed.success) return { ok: false, error: 'not-a-centre', message: `${serverUrl} answered ${res.status} to ${CENTRE_KEYS_PATH}, not with a central server's keys` };
      return { ok: true, serverUrl, centreKeys: parsed.data.centrePublicKeys.length };
    },

    enrol(request: EnrolRequest): Promise<EnrolResult> {
      const run = queue.then(() => enrolNow(request));
      queue = run.catch(() => undefined);
      return run;
    },

    async start(): Promise<SetupOkResult> {
      if (!config) return { ok: false, error: 'not-enrolled', message: 'enrol the desk first' };
      opts.onStart?.(config);
      return { ok: true };
    },
  };
}
