/**
 * The renderer's Content-Security-Policy, one definition for the web host and the Electron shell:
 * only our own scripts and styles, and network access only to ourselves and the central server.
 * Without a centre (the first-run setup page, which talks to its own host only): ourselves only.
 */
export function contentSecurityPolicy(centralOrigin?: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    centralOrigin ? `connect-src 'self' ${centralOrigin}` : "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
