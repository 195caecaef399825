/**
 * The server's log (pino, through Fastify) with personal data masked on the way out: every finished line
 * goes through maskText (IINs and BINs to their last four digits, tokens to •••), whatever put it there:
 * a URL's query, an error's message or stack, a field someone logs later. Requests are logged by method,
 * path and address only, never headers (the bearer token) or bodies.
 */
import type { FastifyServerOptions } from 'fastify';
import { maskText } from '../../shared/devices/mask.ts';

/** A writable the log lines go to (tests capture them); stdout by default. */
export type LogStream = { write(line: string): unknown };
export type LoggerOption = boolean | { level?: string; stream?: LogStream };

export function loggerOptions(option: LoggerOption): FastifyServerOptions['logger'] {
  if (option === false) return false;
  const { level = 'info', stream } = option === true ? {} : option;
  return {
    level,
    ...(stream ? { stream } : {}),
    hooks: { streamWrite: (line: string) => maskText(line) },
    serializers: {
      req: (req: { method?: string; url?: string; ip?: string }) => ({ method: req.method, url: maskText(req.url ?? ''), remoteAddress: req.ip }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
  };
}
