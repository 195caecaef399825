import type { ServerResponse } from 'node:http';
import type { CollectionName } from '../../shared/sync/replication.ts';
import type { ChangeFeed } from './changes.ts';

const PING_MS = 15_000;
const DEBOUNCE_MS = 100;

/**
 * The live pull stream: "RESYNC" at once and after each burst of writes. The desk then pulls by
 * checkpoint, so the stream carries no documents and can never deliver one out of order.
 * With several collections (the desk's one stream for all of them) each burst names its collection,
 * `{"resync":"journal"}`: a browser holds at most six connections to one host, and a desk with a
 * stream per collection would leave none for its pulls and pushes.
 */
export function openResyncStream(res: ServerResponse, collection: CollectionName | readonly CollectionName[], feed: ChangeFeed, extraHeaders: Record<string, string>): () => void {
  res.writeHead(200, {
    ...extraHeaders,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  const isTagged = Array.isArray(collection);
  const names: readonly CollectionName[] = isTagged ? collection : [collection as CollectionName];
  res.write('data: "RESYNC"\n\n');
  const timers = new Map<CollectionName, NodeJS.Timeout>();
  const unsubscribes = names.map((name) =>
    feed.subscribe(name, () => {
      if (timers.has(name)) return;
      timers.set(
        name,
        setTimeout(() => {
          timers.delete(name);
          res.write(isTagged ? `data: {"resync":"${name}"}\n\n` : 'data: "RESYNC"\n\n');
        }, DEBOUNCE_MS),
      );
    }),
  );
  const ping = setInterval(() => res.write(': ping\n\n'), PING_MS);
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    for (const u of unsubscribes) u();
    clearInterval(ping);
    for (const t of timers.values()) clearTimeout(t);
    res.end();
  };
  res.on('close', close);
  return close;
}
