/** Scan-to-verdict times kept in the page, read by the bench through the browser; never sent anywhere. */
const MAX_SAMPLES = 10_000;
const samples: number[] = [];

export function recordScanTiming(ms: number): void {
  if (samples.length < MAX_SAMPLES) samples.push(ms);
}

export function scanTimings(): readonly number[] {
  return samples;
}
