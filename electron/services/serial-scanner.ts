/**
 * A barcode scanner on a serial port (RS-232, or USB in its serial "COM port" mode) through
 * serialport: each code ends with the configured line ending and is handed on as raw and decoded.
 * A port that is missing, busy or refused is a clear error, never a hang.
 */
import { SerialPort } from 'serialport';
import { classifySerialError } from '../../printers/thermal/serial-errors.ts';
import { createLineReader, describeSerialLine, serialScannerProfileSchema, type SerialScan } from '../../shared/scan/serial-scanner-profile.ts';

export type SerialScannerError = { code: 'bad-profile' | 'no-such-port' | 'port-busy' | 'permission-denied' | 'port-failed'; message: string };

export type SerialScanner = { close(): Promise<void> };

const classify = (err: Error): SerialScannerError => ({ code: classifySerialError(err), message: err.message });

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
