import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { startEscposEmulator } from '../emulator/escpos-emulator.ts';
import { encodeKz1048 } from '../thermal/kz1048.ts';
import { printTestPage } from '../thermal/test-page.ts';
import { checkPrinterName, cleanTitle, listPrinters, lpArguments, printPdf, printRaw } from './system-queue.ts';

const exec = promisify(execFile);

async function samplePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([300, 200]).drawText('SHEKARA QUEUE TEST', { x: 20, y: 100 });
  return doc.save();
}

/** lpstat on this machine, or null when CUPS's clients are not installed. */
async function lpstat(...args: string[]): Promise<string | null> {
  try {
    return (await exec('lpstat', args, { env: { ...process.env, LC_ALL: 'C' } })).stdout;
  } catch (err) {
    return (err as { code?: unknown }).code === 'ENOENT' ? null : ((err as { stdout?: string }).stdout ?? '');
  }
}

describe('system queue arguments', () => {
  it('passes printer and title as separate arguments, the PDF on stdin', () => {
    expect(lpArguments('PDF', 'Қосымша D26-000123')).toEqual(['-d', 'PDF', '-t', 'Қосымша D26-000123']);
    expect(lpArguments('PDF', 'a\nb\x1b')).toEqual(['-d', 'PDF', '-t', 'a b']);
    expect(cleanTitle('  ')).toBe('Shekara');
  });

  it('refuses printer names that would read as options or carry control characters', async () => {
    expect(checkPrinterName('Office A4')).toBeNull();
    expect(checkPrinterName('-o')).not.toBeNull();
    expect(checkPrinterName('a\nb')).not.toBeNull();
    expect(checkPrinterName('')).not.toBeNull();
    expect(await printPdf(await samplePdf(), { printer: '-dPDF', title: 'x' })).toMatchObject({ ok: false, error: 'bad-request' });
    expect(await printPdf(Buffer.from('not a pdf'), { printer: 'PDF', title: 'x' })).toMatchObject({ ok: false, error: 'bad-request' });
  });
});

describe('system queue failures are answers', () => {
  it('queue-unavailable when lp or lpstat is not installed', async () => {
    const missing = { lpPath: '/nonexistent/lp', lpstatPath: '/nonexistent/lpstat', platform: 'linux' as const };
    expect(await printPdf(await samplePdf(), { printer: 'PDF', title: 'x' }, missing)).toMatchObject({ ok: false, error: 'queue-unavailable' });
    expect(await listPrinters(missing)).toMatchObject({ ok: false, error: 'queue-unavailable' });
  });

  it('queue-unavailable when the CUPS scheduler does not answer (CUPS_SERVER on a closed port)', async (ctx) => {
    if ((await lpstat('-r')) === null) return skipUnlessCi(ctx, 'no CUPS scheduler');
    const down = { env: { CUPS_SERVER: '127.0.0.1:1' } };
    expect(await printPdf(await samplePdf(), { printer: 'PDF', title: 'x' }, down)).toMatchObject({ ok: false, error: 'queue-unavailable' });
    expect(await listPrinters(down)).toMatchObject({ ok: false, error: 'queue-unavailable' });
  });

  it('no-such-printer for a printer the running scheduler does not have (queue-unavailable when it is not running)', async (ctx) => {
    const status = await lpstat('-r');
    if (status === null) return skipUnlessCi(ctx, 'no CUPS scheduler');
    const result = await printPdf(await samplePdf(), { printer: 'Shekara_No_Such_Printer', title: 'x' });
    expect(result).toMatchObject({ ok: false, error: /scheduler is running/.test(status) ? 'no-such-printer' : 'queue-unavailable' });
  });
});

/** CI sets up CUPS with a cups-pdf printer (.ci/run): there a missing queue is a failure, not a skip. */
function skipUnlessCi(ctx: { skip(): void }, what: string): void {
  if (process.env.CI) throw new Error(`${what}: .ci/run should have set it up`);
  ctx.skip();
}

describe('printing to a cups-pdf printer', () => {
  let printer: string | undefined;
  beforeAll(async () => {
    printer = /device for (\S+): cups-pdf:/.exec((await lpstat('-v')) ?? '')?.[1];
  });

  it('lists it, prints, and the PDF appears in the cups-pdf output folder', async (ctx) => {
    if (!printer) return skipUnlessCi(ctx, 'no cups-pdf printer'); // outside CI the tests above still ran
    const listed = await listPrinters();
    expect(listed.ok && listed.printers.find((p) => p.name === printer)).toMatchObject({ name: printer, state: expect.stringMatching(/idle|printing/) });

    const title = `shekara-${process.pid}-${Date.now()}`;
    const result = await printPdf(await samplePdf(), { printer, title });
    expect(result).toMatchObject({ ok: true, jobId: expect.stringMatching(new RegExp(`^${printer}-\\d+$`)) });

    // cups-pdf writes to "Out" of /etc/cups/cups-pdf.conf, ${HOME}/PDF by default, named after the title.
    const outDir = process.env.SHEKARA_CUPS_PDF_DIR ?? join(homedir(), 'PDF');
    // The file appears before cups-pdf has finished writing it: wait for the end-of-file marker.
    let pdf: Buffer | undefined;
    for (let i = 0; i < 100 && !pdf; i++) {
      const name = (await readdir(outDir).catch(() => [])).find((f) => f.startsWith(title));
      const bytes = name ? await readFile(join(outDir, name)) : undefined;
      if (bytes?.subarray(-8).toString('latin1').includes('%%EOF')) pdf = bytes;
      else await new Promise((r) => setTimeout(r, 150));
    }
    expect(pdf, `a finished PDF named ${title}… in ${outDir}`).toBeDefined();
    expect(pdf!.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

/**
 * A thermal printer the OS knows by name: a CUPS raw queue pointed at the ESC/POS emulator, made for
 * this test with lpadmin (CI runs as root), so the job really goes through the spooler untouched.
 */
describe('raw printing through a system queue', () => {
  it('an ESC/POS job reaches the printer byte for byte, and the thermal test page prints through queue:NAME', async (ctx) => {
    const status = await lpstat('-r');
    if (status === null || !/scheduler is running/.test(status)) return skipUnlessCi(ctx, 'no CUPS scheduler');
    const emulator = await startEscposEmulator();
    const name = `shekara-raw-${process.pid}`;
    try {
      await exec('lpadmin', ['-p', name, '-v', `socket://${emulator.target.slice('tcp://'.length)}`, '-E', '-m', 'raw']);
      const job = Buffer.concat([Buffer.from([0x1b, 0x40, 0x1b, 0x74, 53]), encodeKz1048('Сынақ ӘҒҚҢӨҰҮҺІ'), Buffer.from('\n')]);
      expect(await printRaw(job, { printer: name, title: 'raw test' })).toMatchObject({ ok: true, bytes: job.length });
      const received = await emulator.waitForJob({ timeoutMs: 20_000 });
      expect(Buffer.compare(received.bytes, job)).toBe(0);
      expect(received.lines).toEqual(['Сынақ ӘҒҚҢӨҰҮҺІ']);

      const page = await printTestPage({ id: 't', name: 'queue', target: `queue:${name}`, paperWidthMm: 80, codePage: 'kz1048', supportsQrCommand: true, cut: true }, { deskId: 'dostyk-avto-1', printedAt: '2026-12-02 18:00' });
      expect(page.ok).toBe(true);
      expect((await emulator.waitForJob({ timeoutMs: 20_000 })).text).toContain('Қазақша: А Ә Б');
      expect(await printRaw(job, { printer: 'Shekara_No_Such_Raw', title: 'x' })).toMatchObject({ ok: false, error: 'no-such-printer' });
    } finally {
      await exec('lpadmin', ['-x', name]).catch(() => undefined);
      await emulator.close();
    }
  });
});
