import { z } from 'zod';
import { ENROLLED_ROLES, ENROLMENT_FAILURES, parseServerUrl } from '../devices/enrolment.ts';
import { CHECKPOINT_IDS } from '../reference/checkpoints.ts';

/**
 * The first-run wizard's machine side: what a desk with no configuration may do before it has a
 * Bridge. Implemented twice, like the Bridge: Electron (a setup preload + ipcMain, electron/setup/) and
 * the web host (HTTP on 127.0.0.1 with the per-launch token, while the host has no desk yet). Both serve
 * the same service (electron/services/setup-service.ts); every request and answer is checked against the
 * schemas below on the receiving side. Once the desk is enrolled the service refuses to enrol again.
 */
export type SetupBridge = {
  /** Where this desk keeps its data, the app's version, and what the launch environment already says. */
  describe(): Promise<SetupDescription>;
  /** Asks the central server for its public keys: does it answer, and is it a Shekara centre. */
  checkServer(request: CheckServerRequest): Promise<CheckServerResult>;
  /** Enrols this desk with the administrator's one-time code; a refusal changes nothing on disk. */
  enrol(request: EnrolRequest): Promise<EnrolResult>;
  /** Opens the desk (the login screen) after the confirmation; Electron closes the wizard's window. */
  start(): Promise<SetupOkResult>;
};

/** The centre's address, as parseServerUrl accepts it: https, or http to this machine only; normalised to its origin. */
export const serverUrlSchema = z
  .string()
  .max(300)
  .transform((typed, ctx) => {
    const parsed = parseServerUrl(typed);
    if (parsed.ok) return parsed.url;
    ctx.addIssue({ code: 'custom', message: `server URL refused: ${parsed.problem}` });
    return z.NEVER;
  });

export const setupDescriptionSchema = z.object({
  version: z.string().max(40),
  platform: z.enum(['electron', 'web']),
  /** The desk's data folder: its identity, its signing key, the technician's settings, the log. */
  dataDir: z.string().max(1000),
  /** Electron: the user-data folder whose IndexedDB holds the replica; web: null (the browser's own profile). */
  profileDir: z.string().max(1000).nullable(),
  /** What the launch environment set (SHEKARA_SERVER_URL), to start from; '' when nothing. */
  defaults: z.object({ serverUrl: z.string().max(300) }),
});
export type SetupDescription = z.infer<typeof setupDescriptionSchema>;

export const SETUP_ERROR_CODES = [
  ...ENROLMENT_FAILURES,
  /** Something answered at the address, but not as a Shekara central server does. */
  'not-a-centre',
  /** The desk is enrolled already: the wizard does nothing more (enrol again with `npm run enrol`). */
  'already-enrolled',
  'not-enrolled',
  /** Enrolled, but the launch environment names another checkpoint or desk (SHEKARA_CHECKPOINT, SHEKARA_DESK). */
  'conflict',
  'bad-request',
  'internal',
] as const;
export type SetupErrorCode = (typeof SETUP_ERROR_CODES)[number];

const setupFailureSchema = z.object({ ok: z.literal(false), error: z.enum(SETUP_ERROR_CODES), message: z.string().max(2000) });
export type SetupFailure = z.infer<typeof setupFailureSchema>;

export const checkServerRequestSchema = z.object({ serverUrl: serverUrlSchema });
export type CheckServerRequest = z.input<typeof checkServerRequestSchema>;
export const checkServerResultSchema = z.union([z.object({ ok: z.literal(true), serverUrl: z.string().url(), centreKeys: z.number().int().nonnegative() }), setupFailureSchema]);
export type CheckServerResult = z.infer<typeof checkServerResultSchema>;

export const enrolRequestSchema = z.object({ serverUrl: serverUrlSchema, code: z.string().min(1).max(40) });
export type EnrolRequest = z.input<typeof enrolRequestSchema>;
export const enrolResultSchema = z.union([
  z.object({ ok: z.literal(true), serverUrl: z.string().url(), checkpointId: z.enum(CHECKPOINT_IDS), deskId: z.string().min(1).max(40), role: z.enum(ENROLLED_ROLES) }),
  setupFailureSchema,
]);
export type EnrolResult = z.infer<typeof enrolResultSchema>;

export const setupOkResultSchema = z.union([z.object({ ok: z.literal(true) }), setupFailureSchema]);
export type SetupOkResult = z.infer<typeof setupOkResultSchema>;

/** Every setup method once: IPC channel, HTTP route, and the schemas its request and answer are checked against. */
export const SETUP_ROUTES = {
  describe: { channel: 'shekara-setup:describe', path: '/setup/describe', method: 'GET', request: null, response: setupDescriptionSchema },
  checkServer: { channel: 'shekara-setup:check-server', path: '/setup/check-server', method: 'POST', request: checkServerRequestSchema, response: checkServerResultSchema },
  enrol: { channel: 'shekara-setup:enrol', path: '/setup/enrol', method: 'POST', request: enrolRequestSchema, response: enrolResultSchema },
  start: { channel: 'shekara-setup:start', path: '/setup/start', method: 'POST', request: null, response: setupOkResultSchema },
} as const;

export type SetupMethod = keyof typeof SETUP_ROUTES;
export const SETUP_METHODS = Object.keys(SETUP_ROUTES) as SetupMethod[];

export function setupBadRequest(message: string): SetupFailure {
  return { ok: false, error: 'bad-request', message };
}

/** Calls a setup method by name with an already validated request (the transports' dispatch). */
export function callSetup(setup: SetupBridge, method: SetupMethod, request: unknown): Promise<unknown> {
  const fn = setup[method] as (request?: unknown) => Promise<unknown>;
  return SETUP_ROUTES[method].request === null ? fn.call(setup) : fn.call(setup, request);
}
