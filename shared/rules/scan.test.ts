import { describe, expect, it } from 'vitest';
import { MAX_SCAN_LENGTH, parseScan } from './scan.ts';

describe('parseScan', () => {
  it.each([
    ['A26-000001', 'application', 'A26-000001'],
    [' a26-000001 ', 'application', 'A26-000001'],
    ['D26-000042', 'addendum', 'D26-000042'],
    ['C0012345', 'blank', 'C0012345'],
    // A Russian keyboard layout turns A into Ф and D into В; Cyrillic С looks like Latin C.
    ['Ф26-000001', 'application', 'A26-000001'],
    ['В26-000042', 'addendum', 'D26-000042'],
    ['С0012345', 'blank', 'C0012345'],
    ['https://e-permit.example.kz/check?n=D26-000042&x=1', 'addendum', 'D26-000042'],
    ['A26-000001\r\n', 'application', 'A26-000001'],
  ])('reads %j as %s %s', (input, kind, value) => {
    expect(parseScan(input)).toMatchObject({ ok: true, key: { kind, value } });
  });

  it.each([
    ['', 'empty'],
    ['   \t', 'empty'],
    ['hello', 'not-recognised'],
    ['A26-00001', 'not-recognised'],
    ['A26-0000011', 'not-recognised'],
    ['x'.repeat(MAX_SCAN_LENGTH + 1), 'too-long'],
  ])('refuses %j as %s', (input, error) => {
    expect(parseScan(input)).toMatchObject({ ok: false, error });
  });
});
