import { foldLedger, type BlankEvent } from '../blanks/ledger.ts';

/**
 * When a desk or the checkpoint runs out of blanks at recent rates. Running out is a refusal ground
 * (seed 000 Rules §10(3): no blank, no addendum), so the supervisor is warned days ahead.
 */
export type StockForecast = {
  /** Blanks still unused: at the desk, or at the checkpoint and all its desks. */
  unused: number;
  /** Blanks used (issued or spoiled) a day over the window, 0 when none were. */
  perDay: number;
  /** The day (YYYY-MM-DD, Kazakhstan time) the stock runs out at that rate; null when nothing is being used. */
  runsOutOn: string | null;
  isLow: boolean;
};

const DAY_MS = 86_400_000;
const KZ_OFFSET_MS = 5 * 3_600_000;

/**
 * `window` days of use give the rate; stock is low when it lasts fewer than `warnDays` days, or is
 * under `minimum` blanks whatever the rate (a quiet week says little about a busy morning).
 */
export function forecastStock(events: readonly BlankEvent[], holder: { deskId: string } | 'checkpoint', nowMs: number, opts: { window?: number; warnDays?: number; minimum?: number } = {}): StockForecast {
  const window = opts.window ?? 7;
  const warnDays = opts.warnDays ?? 3;
  const minimum = opts.minimum ?? 10;
  const ledger = foldLedger(events);
  const belongs = (deskId: string | null) => holder === 'checkpoint' || deskId === holder.deskId;
  let unused = 0;
  for (const b of ledger.blanks.values()) if ((b.state === 'at-desk' || (holder === 'checkpoint' && b.state === 'at-checkpoint')) && belongs(b.deskId)) unused++;
  const since = nowMs - window * DAY_MS;
  const used = new Set<string>();
  for (const e of events) {
    if ((e.type !== 'issued' && e.type !== 'spoiled') || used.has(e.number)) continue;
    const wallMs = Number(e.hlc.slice(0, 13));
    if (wallMs >= since && wallMs <= nowMs && belongs(ledger.blanks.get(e.number)?.deskId ?? null)) used.add(e.number);
  }
  const perDay = used.size / window;
  const daysLeft = perDay > 0 ? Math.floor(unused / perDay) : null;
  const runsOutOn = daysLeft === null ? null : new Date(nowMs + KZ_OFFSET_MS + daysLeft * DAY_MS).toISOString().slice(0, 10);
  return { unused, perDay, runsOutOn, isLow: unused < minimum || (daysLeft !== null && daysLeft < warnDays) };
}
