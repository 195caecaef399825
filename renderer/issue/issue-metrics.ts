/** Issue-path times kept in the page for the bench (never sent anywhere): lookup (Enter → eligibility) and print (click → PDF queued and recorded). */
const MAX_SAMPLES = 1_000;
const lookups: number[] = [];
const prints: number[] = [];

export function recordIssueLookup(ms: number): void {
  if (lookups.length < MAX_SAMPLES) lookups.push(ms);
}

export function recordIssuePrint(ms: number): void {
  if (prints.length < MAX_SAMPLES) prints.push(ms);
}

export function issueTimings(): { lookupMs: number[]; printMs: number[] } {
  return { lookupMs: [...lookups], printMs: [...prints] };
}
