import { describe, expect, it } from 'vitest';
import { maskDeep, maskText } from './mask.ts';

const SECRET = 'AbC123xyz_-.987654321';

describe('maskText', () => {
  it('masks a 12-digit IIN or BIN, keeping the last four digits', () => {
    expect(maskText('carrier IIN 850101300123, ok')).toBe('carrier IIN ••••••••0123, ok');
    expect(maskText('850101300123')).toBe('••••••••0123');
    expect(maskText('a=111122223333;b=444455556666')).toBe('a=••••••••3333;b=••••••••6666');
  });

  it('leaves 11- and 13-digit numbers and blank numbers alone', () => {
    for (const text of ['phone 87011234567', 'ref 8501013001234', 'blank C0100002 issued', 'permit A26-000001']) expect(maskText(text)).toBe(text);
  });

  it('masks token=…, Bearer …, #token=… and secret values', () => {
    expect(maskText(`GET /sync?token=${SECRET}&x=1`)).toBe('GET /sync?token=•••&x=1');
    expect(maskText(`authorization: Bearer ${SECRET}`)).toBe('authorization: Bearer •••');
    expect(maskText(`Bearer ${SECRET}`)).toBe('Bearer •••');
    expect(maskText(`http://127.0.0.1:5173/#token=${SECRET}`)).toBe('http://127.0.0.1:5173/#token=•••');
    expect(maskText(`"secretKey":"${SECRET}"`)).toBe('"secretKey":"•••"');
    for (const out of [maskText(`token=${SECRET}`), maskText(`Bearer ${SECRET}`)]) expect(out).not.toContain(SECRET);
  });

  it('leaves short words after "token" alone (not a secret)', () => {
    expect(maskText('token expired')).toBe('token expired');
  });
});

describe('maskDeep', () => {
  it('masks keys named like a secret whatever their value, and every nested string', () => {
    const masked = maskDeep({
      deviceToken: 'short',
      technicianVerifier: 'scrypt$16384$8$1$abc$def',
      clientSecret: 'x',
      password: 'hunter2',
      revision: 3,
      desk: { note: 'carrier 850101300123', urls: [`http://c/#token=${SECRET}`, 'plain'] },
      nothing: null,
    });
    expect(masked).toEqual({
      deviceToken: '•••',
      technicianVerifier: '•••',
      clientSecret: '•••',
      password: '•••',
      revision: 3,
      desk: { note: 'carrier ••••••••0123', urls: ['http://c/#token=•••', 'plain'] },
      nothing: null,
    });
  });

  it('does not change the value it was given', () => {
    const input = { token: 'abc', list: ['850101300123'] };
    maskDeep(input);
    expect(input).toEqual({ token: 'abc', list: ['850101300123'] });
  });
});
