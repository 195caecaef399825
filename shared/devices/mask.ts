/**
 * Personal data out of what leaves the desk for support (issue 7 item 5): IINs and BINs (12 digits),
 * bearer tokens and long secrets. Applied to log lines as they are written and to the whole
 * diagnostics bundle, so a forgotten field cannot leak.
 */

/** 12 digits standing alone: an IIN or BIN. The last four stay, support can still match a case. */
const IIN = /(?<!\d)\d{8}(\d{4})(?!\d)/g;
/** token=…, Bearer …, #token=… and secretKey-like values. */
const TOKEN = /((?:token|bearer|authorization|secret\w*|verifier)["']?\s*[:=]?\s*["']?(?:Bearer\s+)?)[A-Za-z0-9_\-.+/$=]{12,}/gi;

export function maskText(text: string): string {
  return text.replace(TOKEN, '$1•••').replace(IIN, '••••••••$1');
}

/** Every string in a JSON value masked, keys kept. */
export function maskDeep<T>(value: T): T {
  if (typeof value === 'string') return maskText(value) as T;
  if (Array.isArray(value)) return value.map((v) => maskDeep(v)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, /token|secret|verifier|password/i.test(k) && typeof v === 'string' ? '•••' : maskDeep(v)])) as T;
  }
  return value;
}
