/**
 * The Bridge contract: one suite, run against every implementation (web host over HTTP, Electron
 * IPC). Real printer emulator over TCP; the desk configuration below is what the bridge must report.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bridge } from '../../shared/bridge/bridge.ts';
import type { DeskConfig } from '../../electron/services/desk-config.ts';
import { startEscposEmulator, type EscposEmulator } from '../../printers/emulator/escpos-emulator.ts';
import { HAS_POPPLER, pdfText } from '../../printers/pdf/pdf-tools.test-support.ts';
import { sampleReport } from '../../printers/pdf/sample-report.ts';

export const CONTRACT_CONFIG: DeskConfig = {
  serverUrl: 'http://127.0.0.1:8787',
  deviceToken: '0123456789abcdef0123456789abcdef',
  checkpointId: 'dostyk-avto',
  deskId: 'dostyk-avto-1',
  role: 'desk',
};

export const KAZAKH_LINE = 'Қазақстан Ә Ғ Қ Ң Ө Ұ Ү Һ І';

/** `printedDir`: the folder the subject's document printer (file:DIR) writes each job into. */
export type ContractSubject = { bridge: Bridge; platform: 'web' | 'electron'; printedDir: string; close(): Promise<void> };

/** A TCP port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export function bridgeContract(name: string, makeBridge: (config: DeskConfig) => Promise<ContractSubject>): void {
  describe(`Bridge contract: ${name}`, () => {
    let subject: ContractSubject;
    let printer: EscposEmulator;

    beforeAll(async () => {
      subject = await makeBridge(CONTRACT_CONFIG);
      printer = await startEscposEmulator();
    });
    afterAll(async () => {
      await subject?.close();
      await printer?.close();
    });

    it('getAppInfo reports the desk configuration', async () => {
      const info = await subject.bridge.getAppInfo();
      expect(info).toMatchObject({ name: 'Shekara', platform: subject.platform, ...CONTRACT_CONFIG });
      expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
    });

    it('printTestText delivers Kazakh text to a real ESC/POS printer over TCP', async () => {
      const result = await subject.bridge.printTestText({ target: printer.target, text: `Сынақ\n${KAZAKH_LINE}` });
      const job = await printer.waitForJob();
      expect(result).toEqual({ ok: true, bytes: job.bytes.length });
      expect(job.text).toContain(KAZAKH_LINE);
      expect(job.lines).toEqual(['Сынақ', KAZAKH_LINE]);
      expect(job.codePages).toContain(53);
    });

    it('printing to a closed port is printer-unreachable, not a throw', async () => {
      const result = await subject.bridge.printTestText({ target: `tcp://127.0.0.1:${await closedPort()}`, text: 'x' });
      expect(result).toMatchObject({ ok: false, error: 'printer-unreachable' });
    });

    it('a bad printer target is bad-request', async () => {
      for (const target of ['http://127.0.0.1:9100', 'tcp://127.0.0.1', 'tcp://a b:9100']) {
        const result = await subject.bridge.printTestText({ target, text: 'x' });
        expect(result).toMatchObject({ ok: false, error: 'bad-request' });
        if (!result.ok) expect(result.message).toMatch(/tcp:\/\/HOST:PORT/);
      }
    });

    it('an empty text is bad-request', async () => {
      expect(await subject.bridge.printTestText({ target: printer.target, text: '' })).toMatchObject({ ok: false, error: 'bad-request' });
    });

    it('printReport renders the report to the document printer, Kazakh and Russian', async () => {
      const report = sampleReport();
      const result = await subject.bridge.printReport({ doc: report });
      expect(result).toMatchObject({ ok: true });
      const jobs = readdirSync(subject.printedDir).filter((f) => f.startsWith('report-shift-report-'));
      expect(jobs).toHaveLength(1);
      const file = join(subject.printedDir, jobs[0]!);
      expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
      if (result.ok) expect(result.bytes).toBe(readFileSync(file).length);
      if (HAS_POPPLER) {
        const text = pdfText(file);
        for (const s of [report.title.kk, report.title.ru, 'Жұмабаева Г. Ө.']) expect(text).toContain(s);
      }
    });

    it('printReport takes a report of 3,000 rows, far over the 64 KiB other requests get', async () => {
      const report = sampleReport({ movementRows: 3_000 });
      expect(JSON.stringify({ doc: report }).length).toBeGreaterThan(64 * 1024);
      expect(await subject.bridge.printReport({ doc: report })).toMatchObject({ ok: true });
    });

    it('a report with a ragged row is bad-request and prints nothing', async () => {
      const before = readdirSync(subject.printedDir).length;
      const report = sampleReport();
      report.tables[1]!.rows[2] = ['only one cell'];
      const result = await subject.bridge.printReport({ doc: report });
      expect(result).toMatchObject({ ok: false, error: 'bad-request' });
      if (!result.ok) expect(result.message).toMatch(/row has 1 cells for 6 columns/);
      expect(readdirSync(subject.printedDir)).toHaveLength(before);
    });
  });
}
