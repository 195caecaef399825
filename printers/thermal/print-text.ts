/**
 * Prints plain text on a network ESC/POS printer (tcp://host:9100) through node-thermal-printer, with
 * Kazakh letters in code page KZ-1048 (selected by ESC t 53; node-thermal-printer encodes with
 * iconv-lite's RK1048 table). A failure is an answer, never a throw: the UI shows it to the officer.
 */
import { CharacterSet, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import type { PrintResult } from '../../shared/bridge/bridge.ts';
import { DEFAULT_TIMEOUT_MS, parsePrinterTarget, sendJob, type PrinterTarget, type SendOptions } from './tcp-send.ts';

export { parsePrinterTarget, type PrinterTarget };
export type PrintTextOptions = SendOptions;

/** ESC @: clears the printer's buffer and modes left over from an earlier job. */
const ESC_INIT = Buffer.from([0x1b, 0x40]);

/**
 * Removes control characters other than line feed and tab: the text is data, and an ESC or GS inside
 * it would reach the printer as a command (cut, drawer kick, code page change).
 */
export function sanitizeText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '');
}

function newPrinter(): ThermalPrinter {
  const printer = new ThermalPrinter({
    type: PrinterTypes.EPSON,
    interface: 'tcp://127.0.0.1:9100', // only builds the buffer; sendJob opens the connection
    characterSet: CharacterSet.KZ1048_KAZAKHSTAN,
    options: { timeout: DEFAULT_TIMEOUT_MS },
  });
  // The constructor already wrote ESC t 53; ESC @ must come first, because it resets the code page.
  printer.setBuffer(ESC_INIT);
  printer.setCharacterSet(CharacterSet.KZ1048_KAZAKHSTAN);
  return printer;
}

/** The exact bytes printText sends for a text (ESC @, ESC t 53, KZ-1048 text, feed, cut). */
export function encodeTextJob(text: string): Buffer {
  const printer = newPrinter();
  for (const line of sanitizeText(text).split('\n')) printer.println(line);
  printer.partialCut();
  return Buffer.from(printer.getBuffer());
}

export async function printText(target: PrinterTarget | string, text: string, options: PrintTextOptions = {}): Promise<PrintResult> {
  return sendJob(target, () => encodeTextJob(text), options);
}
