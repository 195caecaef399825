/**
 * The renderer's Content-Security-Policy, one definition for the web host and the Electron shell:
 * only our own scripts and styles, and network access only to ourselves and the central server.
 */
export function contentSecurityPolicy(centralOrigin: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${centralOrigin}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
