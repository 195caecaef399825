import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './content-security-policy.ts';
import { metaPolicyProblems, parsePolicy } from '../test/support/csp.ts';

const CENTRAL = 'https://central.example.kz:8443';

describe('contentSecurityPolicy', () => {
  it('allows only our own scripts and styles, no plugins, no base, no framing, and connects to us and the centre', () => {
    const p = parsePolicy(contentSecurityPolicy(CENTRAL));
    expect(p.get('script-src')).toEqual(["'self'"]);
    expect(p.get('style-src')).toEqual(["'self'"]);
    expect(p.get('default-src')).toEqual(["'self'"]);
    expect(p.get('object-src')).toEqual(["'none'"]);
    expect(p.get('base-uri')).toEqual(["'none'"]);
    expect(p.get('frame-ancestors')).toEqual(["'none'"]);
    expect(p.get('connect-src')).toEqual(["'self'", CENTRAL]);
    for (const sources of p.values()) expect(sources.some((s) => s === '*' || s === "'unsafe-inline'" || s === "'unsafe-eval'")).toBe(false);
  });

  it("the Electron page's <meta> policy (file:// has no headers) is the same policy, connect-src aside", async () => {
    // connect-src names the centre, known only at run time; Electron's request allow-list narrows it
    // (security/lock-session.ts). The built copy is checked by test/e2e/security.spec.ts.
    const html = await readFile(join(import.meta.dirname, '../renderer/electron.html'), 'utf8');
    expect(metaPolicyProblems(html, contentSecurityPolicy(CENTRAL))).toEqual([]);
  });
});
