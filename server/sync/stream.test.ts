import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_PREFIX } from '../../shared/sync/replication.ts';
import { buildServer } from '../app.ts';
import type { Db } from '../db/db.ts';
import { auth, deskCrossing, rowsOf, TOKEN } from '../testing/fixtures.ts';
import { TEST_DATABASES } from '../testing/test-databases.ts';
import { registerDevice } from './devices.ts';

/** Reads SSE blocks off a real HTTP response, as the desk's sse-stream.ts does. */
function sseReader(res: Response) {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  return async function next(timeoutMs = 3000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const cut = buffer.indexOf('\n\n');
      if (cut >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        return block;
      }
      const chunk = await Promise.race([reader.read(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no event in time')), Math.max(1, deadline - Date.now())))]);
      if (chunk.done) throw new Error('stream ended');
      buffer += chunk.value;
    }
  };
}

describe.each(TEST_DATABASES)('live pull stream on $name', (database) => {
  let db: Db;
  let drop: () => Promise<void>;
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    ({ db, drop } = await database.open());
    await registerDevice(db, TOKEN, { checkpointId: 'dostyk-avto', deskId: 'dostyk-avto-1' });
    app = buildServer({ db });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('sends RESYNC on connect and once after a burst of pushes', async () => {
    const controller = new AbortController();
    const res = await fetch(`${base}${SYNC_PREFIX}/crossings/stream`, { headers: { ...auth, accept: 'text/event-stream', origin: 'file://' }, signal: controller.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const next = sseReader(res);
    expect(await next()).toBe('data: "RESYNC"');
    expect(JSON.parse('"RESYNC"')).toBe('RESYNC');

    // A burst of pushes gives one RESYNC (debounced), after the rows are committed; a commit that lands
    // after the debounce window (a loaded database) may add one more, never one per push.
    const pushes = [0, 1, 2].map(() =>
      fetch(`${base}${SYNC_PREFIX}/crossings/push`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(rowsOf([deskCrossing()])) }),
    );
    for (const r of await Promise.all(pushes)) expect(r.status).toBe(200);
    expect(await next()).toBe('data: "RESYNC"');
    const more = await next(300).then(
      (e) => next(300).then((f) => [e, f], () => [e]),
      () => [],
    );
    expect(more.length).toBeLessThanOrEqual(1);
    controller.abort();
  });

  it('closes open streams when the server closes, so close() does not hang', async () => {
    const other = buildServer({ db });
    const url = await other.listen({ port: 0, host: '127.0.0.1' });
    const res = await fetch(`${url}${SYNC_PREFIX}/permits/stream`, { headers: auth });
    const next = sseReader(res);
    expect(await next()).toBe('data: "RESYNC"');
    const started = Date.now();
    await other.close();
    expect(Date.now() - started).toBeLessThan(2000);
    await expect(next()).rejects.toThrow();
  });
});
