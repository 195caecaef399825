import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../rules/local-date.ts';
import { CIS_MEMBERS, isCisMember } from './cis.ts';
import { feeKzt, mciOn } from './fees.ts';
import { isInPilot, pilotWindowOn, type PilotWindow } from './pilot-window.ts';
import { addWorkingDays, isWorkingDay } from './working-days.ts';

describe('pilot window (seed 000 Order §1, Rules §3)', () => {
  it('covers the five checkpoints until 1 June 2025, not from that day', () => {
    const w = pilotWindowOn('2025-05-31')!;
    expect(isInPilot(w, 'dostyk-avto', '2025-05-31')).toBe(true);
    expect(isInPilot(w, 'maikapshagai', '2025-06-01')).toBe(false);
    expect(pilotWindowOn('2023-01-01')).toBeNull();
  });

  it('Seed 000 Rules §3: only the five checkpoints of the pilot', () => {
    const w = pilotWindowOn('2024-06-01')!;
    expect([...w.checkpoints].sort()).toEqual(['bakhty', 'dostyk-avto', 'kolzhat', 'maikapshagai', 'nur-zholy']);
    expect(isInPilot({ ...w, checkpoints: ['kolzhat'] }, 'bakhty', '2024-06-01')).toBe(false);
  });

  it('an extension is a later version and takes over from its effective date', () => {
    const v1 = pilotWindowOn('2025-01-01')!;
    const extension: PilotWindow = { ...v1, version: 2, effectiveFrom: '2025-05-20', endsBefore: '2027-01-01', source: 'hypothetical extension' };
    expect(pilotWindowOn('2025-05-19', [v1, extension])!.version).toBe(1);
    expect(isInPilot(pilotWindowOn('2026-11-22', [v1, extension])!, 'kolzhat', '2026-11-22')).toBe(true);
  });
});

describe('fees (seed 000 Rules §9; seed 004 LR p.3)', () => {
  it('takes the MCI in force on the payment date: 1 MCI an addendum, 10 a licence', () => {
    expect(mciOn('2025-12-31')).toBe(3932);
    expect(feeKzt('c-permit-addendum', '2026-01-01')).toBe(4325);
    expect(feeKzt('licence', '2024-06-01')).toBe(36_920);
    expect(feeKzt('export-permit-003', '2026-03-01')).toBe(0);
    expect(feeKzt('licence', '2031-01-01')).toBeNull(); // never guessed
  });

  it('Seed 000 Annex 2 row 6: the MCI is the payment date’s, so 31 December and 1 January differ', () => {
    expect(feeKzt('c-permit-addendum', '2024-12-31')).toBe(3692);
    expect(feeKzt('c-permit-addendum', '2025-01-01')).toBe(3932);
  });

  it('Seed 004 PR p.3 and seed 003 R-An1 row 6: permits are free whatever the year', () => {
    expect(feeKzt('permit-004', '2025-07-01')).toBe(0);
    expect(feeKzt('export-permit-003', '2025-07-01')).toBe(0);
  });
});

describe('working days (Labour Code art. 84-85)', () => {
  it('knows weekends, holidays and the weekday off after a holiday on a weekend', () => {
    expect(isWorkingDay('2025-03-10')).toBe(false); // 8 March 2025 was a Saturday
    expect(isWorkingDay('2025-03-24')).toBe(false); // Nauryz 22-23 fell on the weekend
    expect(isWorkingDay('2025-03-25')).toBe(false);
    expect(isWorkingDay('2025-03-26')).toBe(true);
    expect(isWorkingDay('2025-01-07')).toBe(false); // Orthodox Christmas: a day off, never moved
    expect(isWorkingDay('2026-05-27')).toBe(false); // Kurban Ait
    expect(isWorkingDay('2026-10-26')).toBe(false); // Republic Day 25 October 2026 is a Sunday
    expect(() => isWorkingDay('2030-01-03')).toThrow(/no working-day calendar/);
  });

  it('counts two working days past a weekend (seed 000 Annex 2 row 3: answer within 2 working days)', () => {
    expect(addWorkingDays('2026-11-20', 2)).toBe('2026-11-24'); // Friday → Tuesday
    expect(addWorkingDays('2026-12-15', 2)).toBe('2026-12-18'); // 16 December is a holiday
  });
});

describe('working days across every day the calendar covers (Labour Code art. 84-85)', () => {
  const day = fc.integer({ min: 0, max: 700 }).map((n) => addDays('2025-01-01', n));
  it('addWorkingDays lands on a working day, after exactly n working days', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 10 }), (start, n) => {
        const end = addWorkingDays(start, n);
        expect(isWorkingDay(end)).toBe(true);
        let count = 0;
        for (let d = addDays(start, 1); d <= end; d = addDays(d, 1)) if (isWorkingDay(d)) count++;
        expect(count).toBe(n);
      }),
    );
  });

  it('moves each holiday that falls on a weekend to the next working day, and never a religious one', () => {
    expect(isWorkingDay('2025-07-07')).toBe(false); // Capital Day, Sunday 6 July 2025
    expect(isWorkingDay('2025-09-01')).toBe(false); // Constitution Day, Saturday 30 August 2025
    expect(isWorkingDay('2025-10-27')).toBe(false); // Republic Day, Saturday 25 October 2025 (restored from 2025)
    expect(isWorkingDay('2026-03-09')).toBe(false); // 8 March 2026 is a Sunday
    expect(isWorkingDay('2026-05-11')).toBe(false); // Victory Day, Saturday 9 May 2026
    expect(isWorkingDay('2026-08-31')).toBe(false);
    expect(isWorkingDay('2025-06-09')).toBe(true); // Kurban Ait 6 June 2025 was a Friday: nothing moves
    expect(isWorkingDay('2026-03-26')).toBe(true);
  });
});

describe('CIS member states (seed 003)', () => {
  it('lists the nine members', () => {
    expect(CIS_MEMBERS.map((c) => c.iso).sort()).toEqual(['AM', 'AZ', 'BY', 'KG', 'KZ', 'MD', 'RU', 'TJ', 'UZ']);
    expect(isCisMember('uz')).toBe(true);
    expect(isCisMember('CN')).toBe(false);
  });
});
