import { describe, expect, it } from 'vitest';
import { serverUrlSchema } from '../bridge/setup-bridge.ts';
import { ENROLMENT_FAILURES, ENROLMENT_REFUSALS } from './enrolment.ts';
import { parseServerUrl } from './enrolment.ts';
import { ENROLMENT_LANGUAGES, ENROLMENT_TEXTS } from './enrolment-texts.ts';

describe('the central server address a desk accepts', () => {
  it('https anywhere, normalised to its origin', () => {
    expect(parseServerUrl(' https://shekara.example.kz ')).toEqual({ ok: true, url: 'https://shekara.example.kz' });
    expect(parseServerUrl('https://shekara.example.kz:8443/')).toEqual({ ok: true, url: 'https://shekara.example.kz:8443' });
    expect(parseServerUrl('HTTPS://Shekara.Example.KZ:443')).toEqual({ ok: true, url: 'https://shekara.example.kz' });
    expect(parseServerUrl('https://10.0.0.5')).toEqual({ ok: true, url: 'https://10.0.0.5' });
  });

  it('http only to this machine: the code and the token would cross the network in the clear', () => {
    for (const url of ['http://127.0.0.1:8787', 'http://localhost:8787/', 'http://127.8.0.1', 'http://[::1]:8787']) expect(parseServerUrl(url).ok, url).toBe(true);
    for (const url of ['http://shekara.example.kz', 'http://10.0.0.5:8787', 'http://192.168.1.10', 'http://127.0.0.1.evil.example', 'http://localhost.evil.example']) {
      expect(parseServerUrl(url), url).toEqual({ ok: false, problem: 'not-https' });
    }
  });

  it('no path, query, fragment or password; nothing but http(s)', () => {
    for (const url of ['https://c.kz/api', 'https://c.kz/?x=1', 'https://c.kz/#a', 'https://user:pw@c.kz']) expect(parseServerUrl(url), url).toEqual({ ok: false, problem: 'has-path' });
    for (const url of ['', 'shekara.example.kz', 'ftp://c.kz', 'file:///etc/passwd', 'javascript:alert(1)', 'https://']) expect(parseServerUrl(url), url).toEqual({ ok: false, problem: 'not-a-url' });
  });

  it('the schema both transports check with applies the same rule and hands on the origin', () => {
    expect(serverUrlSchema.parse('https://c.kz:8443/')).toBe('https://c.kz:8443');
    expect(serverUrlSchema.safeParse('http://c.kz').success).toBe(false);
  });

  it('every failure and address problem has its sentence in all three languages', () => {
    for (const failure of Object.keys(ENROLMENT_REFUSALS)) expect(ENROLMENT_FAILURES).toContain(failure);
    for (const lng of ENROLMENT_LANGUAGES) for (const key of [...ENROLMENT_FAILURES, 'not-a-url', 'not-https', 'has-path', 'done'] as const) expect(ENROLMENT_TEXTS[lng][key].length, `${lng} ${key}`).toBeGreaterThan(10);
    expect(ENROLMENT_TEXTS.kk['invalid-code']).toMatch(/[әғқңөұүһі]/);
  });
});
