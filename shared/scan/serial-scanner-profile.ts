/**
 * A serial barcode scanner's settings at a desk (issue 7 item 4): the port, its speed and what ends a
 * code. Checked with the same schema wherever it is set or read.
 */
import { z } from 'zod';

/**
 * A serial port's name: COM1-COM999, or a Linux/macOS serial device node (tty*, pts/N, serial/by-id…,
 * cu.*, rfcomm*). Nothing else under /dev, and no '..': a port, never a way to another file.
 */
export const SERIAL_PORT_PATH = /^(COM\d{1,3}|\/dev\/(tty[A-Za-z0-9._-]{0,40}|pts\/\d{1,4}|serial\/by-(id|path)\/[A-Za-z0-9_.:+-]{1,120}|cu\.[A-Za-z0-9_.-]{1,60}|rfcomm\d{1,3}))$/;

export const SERIAL_BAUD_RATES = [9600, 19200, 38400, 57600, 115200] as const;
export const LINE_ENDINGS = { CR: '\r', LF: '\n', CRLF: '\r\n' } as const;

export const serialScannerProfileSchema = z.object({
  /** COM3 on Windows, /dev/ttyUSB0 or /dev/ttyACM0 on Linux. */
  path: z.string().regex(SERIAL_PORT_PATH, 'a port such as COM3 or /dev/ttyUSB0'),
  baudRate: z.literal(SERIAL_BAUD_RATES),
  lineEnding: z.enum(['CR', 'LF', 'CRLF']),
});
export type SerialScannerProfile = z.infer<typeof serialScannerProfileSchema>;

/** What a scan looked like on the wire (control bytes written out) and the code it carries. */
export type SerialScan = { raw: string; decoded: string };

/**
 * One line from the port: `raw` shows every byte (control and non-ASCII ones as \xNN) so a technician
 * sees a scanner's prefixes and stray bytes; `decoded` keeps the printable ASCII a barcode carries.
 */
export function describeSerialLine(bytes: Uint8Array): SerialScan {
  let raw = '';
  let decoded = '';
  for (const b of bytes) {
    const printable = b >= 0x20 && b < 0x7f;
    raw += printable ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`;
    if (printable) decoded += String.fromCharCode(b);
  }
  return { raw, decoded: decoded.trim() };
}

/**
 * Splits the port's bytes into codes at the line ending, however the bytes are chunked. A run longer
 * than `maxBytes` without a line ending (a scanner set to the wrong ending, line noise) is dropped and
 * counted, so memory stays bounded and the next code still reads. The same bytes give the same codes
 * and the same count in any chunks (test/fuzz/scan-input.test.ts): a long run that arrives in one
 * chunk with its ending is dropped too, and a dropped run keeps the bytes that may begin its ending.
 */
export function createLineReader(lineEnding: keyof typeof LINE_ENDINGS, maxBytes = 4096) {
  const end = new TextEncoder().encode(LINE_ENDINGS[lineEnding]);
  let buffer = new Uint8Array(0);
  let dropped = 0;
  let skipping = false;
  const indexOfEnd = (from: number): number => {
    outer: for (let i = from; i + end.length <= buffer.length; i++) {
      for (let j = 0; j < end.length; j++) if (buffer[i + j] !== end[j]) continue outer;
      return i;
    }
    return -1;
  };
  return {
    feed(chunk: Uint8Array): Uint8Array[] {
      const joined = new Uint8Array(buffer.length + chunk.length);
      joined.set(buffer);
      joined.set(chunk, buffer.length);
      buffer = joined;
      const lines: Uint8Array[] = [];
      for (let at = indexOfEnd(0); at >= 0; at = indexOfEnd(0)) {
        const line = buffer.slice(0, at);
        buffer = buffer.slice(at + end.length);
        if (skipping) skipping = false; // the tail of an overlong run
        else if (line.length > maxBytes) dropped++; // an overlong run that came whole
        else if (line.length > 0) lines.push(line);
      }
      // Past the limit even if its last bytes are the start of a CRLF: the code is too long already.
      if (buffer.length > maxBytes + end.length - 1) {
        // Keep what may be the first byte of a CRLF, so its LF still ends this run and not the next code.
        buffer = buffer.slice(buffer.length - (end.length - 1));
        if (!skipping) dropped++;
        skipping = true;
      }
      return lines;
    },
    /** Runs dropped for being longer than maxBytes. */
    dropped: () => dropped,
    /** Bytes held while waiting for a line ending: never more than maxBytes plus a partial ending. */
    buffered: () => buffer.length,
  };
}
