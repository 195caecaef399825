import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizePlate, platesMatch } from './plate.ts';

describe('plates (seed 000 Rules §8, §17: the vehicle on the permit card)', () => {
  it('folds Cyrillic look-alikes, case and spacing', () => {
    expect(platesMatch('123 АВС 02', '123abc02')).toBe(true);
    expect(platesMatch('45-ВСА-02', '45 bca 02')).toBe(true);
    expect(normalizePlate(' 777 ККК 02 ')).toBe('777KKK02');
  });

  it('never matches a different digit or letter, nor an empty plate', () => {
    expect(platesMatch('123ABC02', '123ABC03')).toBe(false);
    expect(platesMatch('123ABC02', '123ABD02')).toBe(false);
    expect(platesMatch('', '')).toBe(false);
    expect(platesMatch('   ', ' ')).toBe(false);
  });

  it('is symmetric and insensitive to inserted spaces', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9A-ZА-Я]{1,10}$/), fc.stringMatching(/^[0-9A-ZА-Я]{1,10}$/), (a, b) => {
        expect(platesMatch(a, b)).toBe(platesMatch(b, a));
        expect(platesMatch(a, a.split('').join(' '))).toBe(true);
      }),
    );
  });
});
