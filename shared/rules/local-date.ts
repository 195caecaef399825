/**
 * Kazakhstan keeps one time zone, UTC+5, since 1 March 2024. Validity dates on the forms are calendar
 * days at the checkpoint, so "today" is the date there, not on the desk's configured clock zone.
 */
const KZ_OFFSET_MS = 5 * 60 * 60 * 1000;

export function kzDate(nowMs: number): string {
  return new Date(nowMs + KZ_OFFSET_MS).toISOString().slice(0, 10);
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
