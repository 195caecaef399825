/**
 * A barcode scanner on a serial port (RS-232, or USB in its serial "COM port" mode) through
 * serialport: each code ends with the configured line ending and is handed on as raw and decoded.
 * A port that is missing, busy or refused is a clear error, never a hang.
 */
import { SerialPort } from 'serialport';
import { createLineReader, describeSerialLine, serialScannerProfileSchema, type SerialScan } from '../../shared/scan/serial-scanner-profile.ts';

export type SerialScannerError = { code: 'bad-profile' | 'no-such-port' | 'port-busy' | 'permission-denied' | 'port-failed'; message: string };

export type SerialScanner = { close(): Promise<void> };

function classify(err: Error): SerialScannerError {
  const m = err.message;
  if (/ENOENT|No such file|cannot find|File not found/i.test(m)) return { code: 'no-such-port', message: m };
  if (/EBUSY|Resource busy|Access denied|in use/i.test(m)) return { code: 'port-busy', message: m };
  if (/EACCES|Permission denied/i.test(m)) return { code: 'permission-denied', message: m };
  return { code: 'port-failed', message: m };
}

export async function openSerialScanner(
  profile: unknown,
  onScan: (scan: SerialScan) => void,
  onError: (err: SerialScannerError) => void = () => undefined,
): Promise<{ ok: true; scanner: SerialScanner } | { ok: false; error: SerialScannerError }> {
  const parsed = serialScannerProfileSchema.safeParse(profile);
  if (!parsed.success) return { ok: false, error: { code: 'bad-profile', message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') } };
  const { path, baudRate, lineEnding } = parsed.data;
  const port = new SerialPort({ path, baudRate, autoOpen: false });
  const opened = await new Promise<Error | null>((resolve) => port.open((err) => resolve(err ?? null)));
  if (opened) return { ok: false, error: classify(opened) };
  const reader = createLineReader(lineEnding);
  port.on('data', (chunk: Buffer) => {
    for (const line of reader.feed(new Uint8Array(chunk))) onScan(describeSerialLine(line));
  });
  port.on('error', (err: Error) => onError(classify(err)));
  return {
    ok: true,
    scanner: {
      close: () => new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve())),
    },
  };
}
