/** A Bridge failure in the technician's language: the code picks the sentence, the message the detail. */
import type { TFunction } from 'i18next';

const KNOWN = ['no-session', 'wrong-code', 'locked-out', 'not-configured', 'not-a-technician', 'printer-unreachable', 'printer-timeout', 'no-status', 'not-escpos', 'no-such-printer', 'queue-unavailable', 'print-failed', 'bad-request'];

export function failureText(t: TFunction, failure: { error: string; message: string }): string {
  return t(`tech.error.${KNOWN.includes(failure.error) ? failure.error : 'other'}`, { message: failure.message });
}

/** The last path segments that name a field, to the label the form shows for it. */
const LABELS: Record<string, string> = {
  host: 'tech.host',
  port: 'tech.port',
  path: 'tech.serialPath',
  printerName: 'tech.printerName',
  baudRate: 'tech.baud',
  paperWidthMm: 'tech.paper',
  dotsPerLine: 'tech.dots',
  codePage: 'tech.codePage',
  density: 'tech.density',
  queue: 'tech.queue',
  blankMode: 'tech.blankMode',
  offsetXmm: 'tech.offsetX',
  offsetYmm: 'tech.offsetY',
  scale: 'tech.scale',
  maxIntervalMs: 'tech.maxInterval',
  minLength: 'tech.minLength',
  prefix: 'tech.prefix',
  suffix: 'tech.suffix',
  idleMs: 'tech.idle',
  lineEnding: 'tech.lineEnding',
};
const SECTIONS: Record<string, string> = { thermal: 'tech.sectionThermal', document: 'tech.sectionDocument', scanner: 'tech.sectionScanner' };

/** "Thermal printer (carrier slips) — Port" for the path ['thermal', 'connection', 'port']. */
export function fieldLabel(t: TFunction, path: string[]): string {
  const section = SECTIONS[path[0] ?? ''];
  const field = [...path].reverse().map((p) => LABELS[p]).find(Boolean);
  return [section ? t(section) : null, field ? t(field) : path.join('.')].filter(Boolean).join(' — ');
}
