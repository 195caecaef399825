import data from './data/kz-holidays.json' with { type: 'json' };
import { addDays } from '../rules/local-date.ts';

/**
 * Kazakhstan's working-day calendar for the years the data covers: weekends, public holidays, and the
 * next working day off when a non-religious holiday falls on a weekend (Labour Code art. 84-85). Day
 * moves by government decree are not in the data; a deadline counted across one may be a day off.
 */
type Fixed = { monthDay: string; religious?: boolean; since?: number };
const FIXED = data.fixed as Fixed[];
const MOVABLE = data.movable as { date: string; religious?: boolean }[];
export const CALENDAR_YEARS: readonly number[] = data.coversYears;

const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
const isWeekend = (date: string) => weekday(date) === 0 || weekday(date) === 6;

const cache = new Map<number, Set<string>>();
function daysOff(year: number): Set<string> {
  let set = cache.get(year);
  if (set) return set;
  set = new Set<string>();
  const holidays = [
    ...FIXED.filter((h) => !h.since || year >= h.since).map((h) => ({ date: `${year}-${h.monthDay}`, religious: h.religious === true })),
    ...MOVABLE.filter((h) => h.date.startsWith(`${year}-`)).map((h) => ({ date: h.date, religious: h.religious === true })),
  ].sort((a, b) => (a.date < b.date ? -1 : 1));
  for (const h of holidays) set.add(h.date);
  for (const h of holidays) {
    if (h.religious || !isWeekend(h.date)) continue;
    let d = addDays(h.date, 1);
    while (isWeekend(d) || set.has(d)) d = addDays(d, 1);
    set.add(d);
  }
  cache.set(year, set);
  return set;
}

export function isWorkingDay(date: string): boolean {
  const year = Number(date.slice(0, 4));
  if (!CALENDAR_YEARS.includes(year)) throw new RangeError(`no working-day calendar for ${year}`);
  return !isWeekend(date) && !daysOff(year).has(date);
}

/** The date `n` working days after `date` (n ≥ 0; day 0 is `date` itself even if not a working day). */
export function addWorkingDays(date: string, n: number): string {
  let d = date;
  for (let left = n; left > 0; ) {
    d = addDays(d, 1);
    if (isWorkingDay(d)) left--;
  }
  return d;
}
