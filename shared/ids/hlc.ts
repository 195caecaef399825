/**
 * Hybrid logical clock stamps for records made offline: wall time when clocks behave, a counter when the
 * desk's clock stalls or jumps back, so one desk's records stay causally ordered. Encoded as a string
 * that sorts correctly: 13-digit ms, 5-digit counter, node id.
 */
export type HlcState = { wallMs: number; counter: number; node: string };

export function createHlc(node: string): HlcState {
  return { wallMs: 0, counter: 0, node };
}

/** Advance for a local event. */
export function hlcTick(state: HlcState, nowMs: number): HlcState {
  if (nowMs > state.wallMs) return { wallMs: nowMs, counter: 0, node: state.node };
  return { wallMs: state.wallMs, counter: state.counter + 1, node: state.node };
}

/** Merge a stamp received from elsewhere, then advance. */
export function hlcReceive(state: HlcState, remote: string, nowMs: number): HlcState {
  const r = parseHlc(remote);
  const wall = Math.max(state.wallMs, r.wallMs, nowMs);
  let counter = 0;
  if (wall === state.wallMs && wall === r.wallMs) counter = Math.max(state.counter, r.counter) + 1;
  else if (wall === state.wallMs) counter = state.counter + 1;
  else if (wall === r.wallMs) counter = r.counter + 1;
  return { wallMs: wall, counter, node: state.node };
}

export function formatHlc(s: HlcState): string {
  return `${String(s.wallMs).padStart(13, '0')}-${String(s.counter).padStart(5, '0')}-${s.node}`;
}

export function parseHlc(stamp: string): HlcState {
  const m = /^(\d{13})-(\d{5})-(.+)$/.exec(stamp);
  if (!m) throw new Error(`hlc: malformed stamp ${stamp}`);
  return { wallMs: Number(m[1]), counter: Number(m[2]), node: m[3]! };
}
