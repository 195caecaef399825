import type { ServerResponse } from 'node:http';
import type { CollectionName } from '../../shared/sync/replication.ts';
import type { ChangeFeed } from './changes.ts';

const PING_MS = 15_000;
const DEBOUNCE_MS = 100;

/**
 * The live pull stream: "RESYNC" at once and after each burst of writes. The desk then pulls by
 * checkpoint, so the stream carries no documents and can never deliver one out of order.
 */
export function openResyncStream(res: ServerResponse, collection: CollectionName, feed: ChangeFeed, extraHeaders: Record<string, string>): () => void {
  res.writeHead(200, {
    ...extraHeaders,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  const send = () => res.write('data: "RESYNC"\n\n');
  send();
  let timer: NodeJS.Timeout | null = null;
  const unsubscribe = feed.subscribe(collection, () => {
    timer ??= setTimeout(() => {
      timer = null;
      send();
    }, DEBOUNCE_MS);
  });
  const ping = setInterval(() => res.write(': ping\n\n'), PING_MS);
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    unsubscribe();
    clearInterval(ping);
    if (timer) clearTimeout(timer);
    res.end();
  };
  res.on('close', close);
  return close;
}
