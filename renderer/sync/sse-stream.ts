import { Subject } from 'rxjs';
import type { RxReplicationPullStreamItem } from 'rxdb';

/**
 * The live pull stream over SSE, read with fetch so the device token travels in a header, not the URL.
 * Emits RESYNC on every (re)connect: whatever happened while the stream was down is then pulled by
 * checkpoint (rxdb#4612: a stream that dies silently leaves a desk stale forever).
 */
export type SseOptions = {
  retryMs?: number;
  /** The centre pings every 15 s; this long without a byte means the link died silently. */
  silenceMs?: number;
  onConnect?: () => void;
  onDisconnect?: (reason: string) => void;
};

export function openSseStream<T, C>(url: string, headers: Record<string, string>, opts: SseOptions = {}) {
  const subject = new Subject<RxReplicationPullStreamItem<T, C>>();
  const retryMs = opts.retryMs ?? 2000;
  const silenceMs = opts.silenceMs ?? 40_000;
  let stopped = false;
  let controller: AbortController | null = null;

  async function connectOnce(): Promise<void> {
    controller = new AbortController();
    const res = await fetch(url, { headers: { ...headers, accept: 'text/event-stream' }, signal: controller.signal });
    if (!res.ok || !res.body) throw new Error(`stream answered ${res.status}`);
    opts.onConnect?.();
    subject.next('RESYNC');
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let watchdog: ReturnType<typeof setTimeout> | undefined;
    const feedWatchdog = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => controller?.abort(), silenceMs);
    };
    feedWatchdog();
    for (;;) {
      const { value, done } = await reader.read().finally(() => clearTimeout(watchdog));
      if (done) throw new Error('stream ended');
      feedWatchdog();
      buffer += value;
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const data = block
          .split('\n')
          .filter((l) => l.startsWith('data:'))
          .map((l) => l.slice(5).trimStart())
          .join('\n');
        if (data) subject.next(JSON.parse(data) as RxReplicationPullStreamItem<T, C>);
      }
    }
  }

  void (async () => {
    while (!stopped) {
      try {
        await connectOnce();
      } catch (err) {
        // The centre is down or the link broke: say so, wait and reconnect; the reconnect sends RESYNC.
        if (!stopped) opts.onDisconnect?.(err instanceof Error ? err.message : String(err));
      }
      if (!stopped) await new Promise((r) => setTimeout(r, retryMs));
    }
  })();

  return {
    stream$: subject.asObservable(),
    close() {
      stopped = true;
      controller?.abort();
      subject.complete();
    },
  };
}

/**
 * The desk's one live stream for all its collections (a browser holds at most six connections to a
 * host: a stream per collection would starve the pulls). A reconnect resyncs every collection; a
 * burst of writes resyncs the one it names.
 */
export function openSharedSseStream(url: string, headers: Record<string, string>, names: readonly string[], opts: SseOptions = {}) {
  const subjects = new Map(names.map((n) => [n, new Subject<RxReplicationPullStreamItem<any, any>>()]));
  const sse = openSseStream<unknown, unknown>(url, headers, opts);
  const sub = sse.stream$.subscribe((item) => {
    const named = (item as unknown as { resync?: unknown } | null)?.resync;
    if (typeof named === 'string') subjects.get(named)?.next('RESYNC');
    else if (item === 'RESYNC') for (const s of subjects.values()) s.next('RESYNC');
  });
  return {
    streamFor: (name: string) => subjects.get(name)!.asObservable(),
    close() {
      sub.unsubscribe();
      sse.close();
      for (const s of subjects.values()) s.complete();
    },
  };
}
