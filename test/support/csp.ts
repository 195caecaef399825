/**
 * Reading Content-Security-Policy strings and the <meta> policy of an HTML page, for the tests that
 * hold the renderer's policy (electron/content-security-policy.test.ts, test/e2e/security.spec.ts).
 */

/** Directive name → its sources, in order. */
export function parsePolicy(policy: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), sources);
  }
  return out;
}

/** The content of every <meta http-equiv="Content-Security-Policy"> in the page. */
export function metaPolicies(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<meta\b[^>]*>/gi)) {
    if (!/http-equiv\s*=\s*["']content-security-policy["']/i.test(m[0])) continue;
    const content = /content\s*=\s*"([^"]*)"/i.exec(m[0]) ?? /content\s*=\s*'([^']*)'/i.exec(m[0]);
    if (content) out.push(content[1]!.replace(/&#39;|&apos;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
  }
  return out;
}

/**
 * What keeps a page's <meta> policy from being `expected`: every directive the same, except
 * frame-ancestors (ignored in a <meta>) and connect-src, which may stand for a centre known only at
 * run time as 'self' plus the http: and https: schemes, never a wildcard. Also: no inline script or
 * style, which the policy would block. An empty list means the page carries the policy.
 */
export function metaPolicyProblems(html: string, expected: string): string[] {
  const metas = metaPolicies(html);
  if (metas.length !== 1) return [`expected one CSP <meta>, found ${metas.length}`];
  const got = parsePolicy(metas[0]!);
  const want = parsePolicy(expected);
  want.delete('frame-ancestors');
  const problems: string[] = [];
  for (const [name, sources] of want) {
    const have = got.get(name);
    if (name === 'connect-src') {
      if (!have || !have.includes("'self'") || have.some((s) => !["'self'", 'http:', 'https:', ...sources].includes(s))) problems.push(`connect-src: ${have?.join(' ')}`);
    } else if (have?.join(' ') !== sources.join(' ')) problems.push(`${name}: ${have?.join(' ') ?? '(missing)'} instead of ${sources.join(' ')}`);
  }
  for (const name of got.keys()) if (!want.has(name)) problems.push(`unexpected directive ${name}`);
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) if (!/\bsrc\s*=/.test(m[1]!) || m[2]!.trim() !== '') problems.push('inline <script>');
  if (/<style\b/i.test(html) || /\sstyle\s*=/i.test(html)) problems.push('inline style');
  return problems;
}
