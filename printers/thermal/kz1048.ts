/**
 * Text → KZ-1048 bytes, through node-thermal-printer's own encoder (iconv-lite's RK1048 table), so the
 * slip and printText agree byte for byte. A character KZ-1048 lacks becomes '?': node-thermal-printer
 * would switch to another code page for it (ESC t n mid-line), which cheap clones do not follow.
 */
import { CharacterSet, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';

const HEADER_LENGTH = 3; // ESC t 53, written by clear()
const cache = new Map<string, Buffer>();
let encoder: ThermalPrinter | undefined;

function encodeChar(char: string): Buffer {
  let bytes = cache.get(char);
  if (bytes) return bytes;
  encoder ??= new ThermalPrinter({ type: PrinterTypes.EPSON, interface: 'tcp://127.0.0.1:9100', characterSet: CharacterSet.KZ1048_KAZAKHSTAN });
  encoder.clear(); // resets the active page to KZ-1048, so an earlier switch does not leak
  encoder.append(char);
  const out = Buffer.from(encoder.getBuffer().subarray(HEADER_LENGTH));
  bytes = out.length === 1 && out[0] !== 0x1b ? out : Buffer.from('?');
  cache.set(char, bytes);
  return bytes;
}

export function encodeKz1048(text: string): Buffer {
  const parts: Buffer[] = [];
  let ascii = '';
  for (const char of text) {
    if (char <= '\x7f') {
      ascii += char;
      continue;
    }
    if (ascii) parts.push(Buffer.from(ascii, 'latin1'));
    ascii = '';
    parts.push(encodeChar(char));
  }
  if (ascii) parts.push(Buffer.from(ascii, 'latin1'));
  return Buffer.concat(parts);
}
