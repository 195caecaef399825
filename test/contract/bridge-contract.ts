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
import { DEFAULT_WEDGE_SETTINGS } from '../../shared/scan/wedge-detector.ts';
import { TECHNICIAN_CODE } from './technician-fixture.ts';

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

    describe('technician tools', () => {
      let session = '';
      const thermal = () => {
        const port = Number(printer.target.split(':').at(-1));
        return { connection: { kind: 'tcp' as const, host: '127.0.0.1', port }, paperWidthMm: 80 as const, dotsPerLine: 576, codePage: 'kz1048' as const, supportsQrCommand: true, cut: true, density: 0 };
      };
      const documentSettings = () => ({ queue: `file:${subject.printedDir}`, blankMode: 'pre-printed' as const, offsetXmm: 2.5, offsetYmm: -1, scale: 1 });

      it('a wrong code is refused and opens nothing; the right one opens a session', async () => {
        expect(await subject.bridge.technicianUnlock({ code: '000000' })).toMatchObject({ ok: false, error: 'wrong-code' });
        const opened = await subject.bridge.technicianUnlock({ code: TECHNICIAN_CODE });
        expect(opened.ok).toBe(true);
        if (opened.ok) session = opened.session;
      });

      it('every technician method refuses a made-up session and changes nothing', async () => {
        const fake = 'x'.repeat(32);
        const before = readdirSync(subject.printedDir).length;
        const answers = await Promise.all([
          subject.bridge.getDeviceSettings({ session: fake }),
          subject.bridge.saveDeviceSettings({ session: fake, technicianName: 'Someone', settings: { thermal: thermal(), document: documentSettings(), scanner: { wedge: DEFAULT_WEDGE_SETTINGS, serial: null } } }),
          subject.bridge.printTestPage({ session: fake, thermal: thermal() }),
          subject.bridge.checkPrinter({ session: fake, thermal: thermal() }),
          subject.bridge.printCalibration({ session: fake, document: documentSettings() }),
          subject.bridge.getDiagnostics({ session: fake }),
          subject.bridge.listPrinters({ session: fake }),
        ]);
        for (const a of answers) expect(a).toMatchObject({ ok: false, error: 'no-session' });
        expect(printer.jobs.filter((j) => j.text.includes('Сынақ беті'))).toHaveLength(0);
        expect(readdirSync(subject.printedDir)).toHaveLength(before);
        const settings = await subject.bridge.getDeviceSettings({ session });
        expect(settings).toMatchObject({ ok: true, saved: false, settings: { revision: 0 } });
      });

      it('settings are validated, saved with a revision, and read back', async () => {
        const bad = await subject.bridge.saveDeviceSettings({ session, technicianName: 'Сейткали', settings: { thermal: { ...thermal(), connection: { kind: 'tcp', host: '127.0.0.1', port: 70_000 } }, document: documentSettings(), scanner: { wedge: DEFAULT_WEDGE_SETTINGS, serial: null } } });
        expect(bad).toMatchObject({ ok: false, error: 'bad-request' });
        if (!bad.ok) expect(bad.message).toMatch(/thermal\.connection\.port/);
        // A folder printer outside the desk's data folder would put addenda (personal data) anywhere.
        const elsewhere = await subject.bridge.saveDeviceSettings({ session, technicianName: 'Сейткали', settings: { thermal: thermal(), document: { ...documentSettings(), queue: 'file:/tmp/elsewhere' }, scanner: { wedge: DEFAULT_WEDGE_SETTINGS, serial: null } } });
        expect(elsewhere).toMatchObject({ ok: false, error: 'bad-request' });
        if (!elsewhere.ok) expect(elsewhere.message).toMatch(/inside the desk's data folder/);
        expect(await subject.bridge.printCalibration({ session, document: { ...documentSettings(), queue: 'file:/tmp/elsewhere' } })).toMatchObject({ ok: false, error: 'bad-request' });
        const saved = await subject.bridge.saveDeviceSettings({ session, technicianName: 'Сейткали', settings: { thermal: thermal(), document: documentSettings(), scanner: { wedge: DEFAULT_WEDGE_SETTINGS, serial: null } } });
        expect(saved).toMatchObject({ ok: true, saved: true, settings: { revision: 1, updatedBy: 'Сейткали', document: { offsetXmm: 2.5 } } });
        if (saved.ok) expect(saved.overlayLayout.fields).toHaveLength(13);
        expect(await subject.bridge.getDeviceSettings({ session })).toMatchObject({ ok: true, settings: { revision: 1 } });
      });

      it('the test page reaches the printer with every Kazakh letter, and the status reads the paper sensor', async () => {
        const printed = await subject.bridge.printTestPage({ session, thermal: thermal() });
        const job = await printer.waitForJob();
        expect(printed).toEqual({ ok: true, bytes: job.bytes.length });
        for (const letter of 'ӘҒҚҢӨҰҮҺІәғқңөұүһі') expect(job.text).toContain(letter);
        printer.setPaper('out');
        expect(await subject.bridge.checkPrinter({ session, thermal: thermal() })).toEqual({ ok: true, online: true, paper: 'out' });
        printer.setPaper('ok');
        expect(await subject.bridge.checkPrinter({ session, thermal: thermal() })).toEqual({ ok: true, online: true, paper: 'ok' });
        const closed = { ...thermal(), connection: { kind: 'tcp' as const, host: '127.0.0.1', port: await closedPort() } };
        expect(await subject.bridge.checkPrinter({ session, thermal: closed })).toMatchObject({ ok: false, error: 'printer-unreachable' });
        expect(await subject.bridge.printTestPage({ session, thermal: closed })).toMatchObject({ ok: false, error: 'printer-unreachable' });
      });

      it('the calibration grid goes to the document printer with the offsets on the form', async () => {
        const before = new Set(readdirSync(subject.printedDir));
        expect(await subject.bridge.printCalibration({ session, document: documentSettings() })).toMatchObject({ ok: true });
        const added = readdirSync(subject.printedDir).filter((f) => !before.has(f));
        expect(added).toHaveLength(1);
        const file = join(subject.printedDir, added[0]!);
        expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
        if (HAS_POPPLER) expect(pdfText(file)).toMatch(/offset 2\.5 \/ -1 mm/);
      });

      it('the system printers are listed for the technician, and every scan field reads the saved wedge settings', async () => {
        expect(await subject.bridge.listPrinters({ session })).toEqual({ ok: true, printers: [{ name: 'PDF', isDefault: true, state: 'idle' }] });
        const current = await subject.bridge.getDeviceSettings({ session });
        if (!current.ok) throw new Error('settings');
        const { thermal: t0, document, scanner } = current.settings;
        const saved = await subject.bridge.saveDeviceSettings({ session, technicianName: 'Сейткали', settings: { thermal: t0, document, scanner: { ...scanner, wedge: { ...scanner.wedge, prefix: ']C1', suffix: 'none' } } } });
        expect(saved).toMatchObject({ ok: true, settings: { revision: 2 } });
        expect(await subject.bridge.getScannerSettings()).toEqual({ ok: true, wedge: { ...DEFAULT_WEDGE_SETTINGS, prefix: ']C1', suffix: 'none' } });
      });

      it('readScans answers at once with nothing when no serial scanner is set up', async () => {
        expect(await subject.bridge.readScans({ after: 0, waitMs: 0 })).toEqual({ ok: true, scans: [], serial: { state: 'off' } });
      });

      it('the diagnostics carry the configuration and settings, with the token and IINs masked', async () => {
        const d = await subject.bridge.getDiagnostics({ session });
        expect(d.ok).toBe(true);
        if (!d.ok) return;
        const text = JSON.stringify(d.machine);
        expect(text).toContain(CONTRACT_CONFIG.deskId);
        expect(text).toContain('"revision":2');
        expect(text).not.toContain(CONTRACT_CONFIG.deviceToken);
        expect(text).not.toContain('880101300123');
        expect(text).toContain('••••••••0123');
      });

      it('a locked session is closed', async () => {
        expect(await subject.bridge.technicianLock({ session })).toEqual({ ok: true });
        expect(await subject.bridge.getDeviceSettings({ session })).toMatchObject({ ok: false, error: 'no-session' });
      });
    });
  });
}
