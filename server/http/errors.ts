/**
 * Every refusal and failure leaves the server as `{ error, message }` JSON: a stable code and a sentence.
 * Unexpected failures (a database down, a bug) say "internal error" and nothing else: no stack, no SQL,
 * no value from the request; the details go to the log, which is masked (logging.ts).
 */
import type { FastifyError, FastifyInstance } from 'fastify';

/** Fastify's own refusals under our codes, with sentences that quote nothing from the request. */
const FASTIFY_ERRORS: Record<string, { error: string; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { error: 'body-too-large', message: 'the request body is larger than this route accepts' },
  FST_ERR_CTP_INVALID_JSON_BODY: { error: 'invalid-json', message: 'the request body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { error: 'invalid-json', message: 'the request body is empty but its content-type says JSON' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { error: 'unsupported-media-type', message: 'send the body as application/json' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { error: 'bad-request', message: 'the content-length does not match the body' },
};

export type WireError = { error: string; message: string };

export function toWireError(err: Partial<FastifyError>): { status: number; body: WireError } {
  const status = typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
  if (status === 500) return { status, body: { error: 'internal', message: 'internal error' } };
  const known = err.code ? FASTIFY_ERRORS[err.code] : undefined;
  if (known) return { status, body: known };
  // JSON.parse-style messages quote the body; a 4xx from elsewhere gets a plain sentence of its own.
  if (err.name === 'SyntaxError' || /position \d+|is not valid JSON/i.test(err.message ?? '')) return { status, body: FASTIFY_ERRORS.FST_ERR_CTP_INVALID_JSON_BODY! };
  return { status, body: { error: 'bad-request', message: 'the request was refused' } };
}

/** The handlers that make every error answer a WireError. */
export function registerErrorAnswers(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const { status, body } = toWireError(err);
    if (status === 500) req.log.error({ err }, 'request failed');
    return reply.code(status).send(body);
  });

  app.setNotFoundHandler((_req, reply) => reply.code(404).send({ error: 'not-found', message: 'no such route' }));

  // Handlers refuse with their own code and details (issues, rows); the sentence is added where missing,
  // so a client can always show `message`.
  app.addHook('preSerialization', async (_req, reply, payload) => {
    if (reply.statusCode < 400 || !payload || typeof payload !== 'object' || Array.isArray(payload)) return payload;
    const p = payload as { error?: unknown; message?: unknown; issues?: unknown };
    if (typeof p.message === 'string' && typeof p.error === 'string') return payload;
    const issues = Array.isArray(p.issues) ? p.issues.filter((i): i is string => typeof i === 'string') : [];
    const error = typeof p.error === 'string' ? p.error : 'error';
    return { ...p, error, message: typeof p.message === 'string' ? p.message : issues.length > 0 ? issues.slice(0, 20).join('; ') : error.replace(/-/g, ' ') };
  });
}
