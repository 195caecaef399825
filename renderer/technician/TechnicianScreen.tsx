import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { firstValueFrom } from 'rxjs';
import type { DeviceSettingsResult } from '../../shared/bridge/bridge.ts';
import { DEFAULT_DOTS_PER_LINE, deviceSettingsInputSchema, type DeviceSettingsInput, type ThermalPrinterSettings } from '../../shared/devices/device-settings.ts';
import { charForKeyCode } from '../../shared/scan/key-codes.ts';
import { SERIAL_BAUD_RATES } from '../../shared/scan/serial-scanner-profile.ts';
import { useDesk } from '../app/desk-context.ts';
import { DESK_CODE_TECHNICIAN } from '../login/session.ts';
import { clip, recordAuditQuietly } from '../audit/audit-log.ts';
import type { CheckpointId } from '../../shared/reference/checkpoints.ts';
import { oldestWaiting$, outboxCount$ } from '../sync/outbox.ts';
import { OverlayPreview } from './OverlayPreview.tsx';
import { BackupPanel } from './BackupPanel.tsx';
import { ScanTest } from './ScanTest.tsx';
import { downloadDiagnostics } from './diagnostics-file.ts';
import { failureText, fieldLabel } from './technician-text.ts';

type Loaded = Extract<DeviceSettingsResult, { ok: true }>;
type Notice = { kind: 'ok' | 'error'; text: string } | null;

const pendingLocks = new Map<string, ReturnType<typeof setTimeout>>();

const NEW_THERMAL: ThermalPrinterSettings = { connection: { kind: 'tcp', host: '192.168.1.50', port: 9100 }, paperWidthMm: 80, dotsPerLine: 576, codePage: 'kz1048', supportsQrCommand: true, cut: true, density: 0 };

/**
 * The technician's screen (issue 7): printers, calibration, scanners and the diagnostics file. It
 * opens with a technician's login (or, before the desk has its people, the technician code); a reload,
 * the lock button, the idle lock or a log-out closes it, and the machine side refuses every call without it.
 */
export function TechnicianScreen() {
  const { t } = useTranslation();
  const desk = useDesk();
  // A technician who logged in has the tools open already (LoginScreen); the code is for a desk with no people yet.
  const [session, setSession] = useState<string | null>(desk.session.state$.value.technicianSession);
  const [code, setCode] = useState('');
  const [notice, setNotice] = useState<Notice>(null);
  if (session) return <TechnicianTools session={session} onClosed={(text) => (setSession(null), setNotice(text ? { kind: 'error', text } : null))} />;
  return (
    <main className="technician">
      <h1>{t('tech.unlockTitle')}</h1>
      <p>{t('tech.unlockHint')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void desk.bridge.technicianUnlock({ code }).then((r) => {
            setCode('');
            if (r.ok) {
              setNotice(null);
              setSession(r.session);
            } else setNotice({ kind: 'error', text: failureText(t, r) });
          });
        }}
      >
        <label>
          {t('tech.code')}
          <input data-testid="tech-code" type="password" autoComplete="off" value={code} onChange={(e) => setCode(e.target.value)} />
        </label>
        <button type="submit" data-testid="tech-unlock" disabled={code === ''}>
          {t('tech.unlock')}
        </button>
      </form>
      {notice && (
        <p role="alert" className="error" data-testid="tech-notice">
          {notice.text}
        </p>
      )}
    </main>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="field">
      <span>{label}</span>
      {children}
    </label>
  );
}

type Baud = (typeof SERIAL_BAUD_RATES)[number];

function BaudSelect({ value, onChange, testId }: { value: Baud; onChange: (baud: Baud) => void; testId?: string }) {
  return (
    <select data-testid={testId} value={value} onChange={(e) => onChange(Number(e.target.value) as Baud)}>
      {SERIAL_BAUD_RATES.map((b) => (
        <option key={b} value={b}>
          {b}
        </option>
      ))}
    </select>
  );
}

function TechnicianTools({ session, onClosed }: { session: string; onClosed: (text?: string) => void }) {
  const { t, i18n } = useTranslation();
  const desk = useDesk();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [form, setForm] = useState<DeviceSettingsInput | null>(null);
  const me = desk.session.state$.value.user;
  // A person who logged in is named by the centre's record (the machine side uses it, not this field).
  const byPerson = !!me && me.id !== DESK_CODE_TECHNICIAN;
  const [name, setName] = useState(byPerson ? me.name : '');
  const [notice, setNotice] = useState<Notice>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [systemPrinters, setSystemPrinters] = useState<string[]>([]);

  /** A failure answer: a closed session goes back to the code, anything else is shown. */
  const fail = (r: { error: string; message: string }) => {
    if (r.error === 'no-session') onClosed(failureText(t, r));
    else setNotice({ kind: 'error', text: failureText(t, r) });
  };
  const take = (r: DeviceSettingsResult) => {
    if (!r.ok) return fail(r);
    setLoaded(r);
    const { thermal, document, scanner } = r.settings;
    setForm({ thermal, document, scanner });
  };
  // Leaving the tab closes a session this screen opened with the code on the machine side too: the tools
  // are not left open behind the officer. A moment later, so React's development double mount does not
  // close it at once. The session a login opened belongs to the login: its lock and log-out close it.
  useEffect(() => {
    if (session === desk.session.state$.value.technicianSession) return;
    clearTimeout(pendingLocks.get(session));
    return () => void pendingLocks.set(session, setTimeout(() => void desk.bridge.technicianLock({ session }).catch(() => undefined), 300));
  }, [desk, session]);
  useEffect(() => {
    void desk.bridge.getDeviceSettings({ session }).then(take);
    // The system's printers, offered in the printer-name fields; none listed is no error (CUPS or the spooler may be off).
    void desk.bridge.listPrinters({ session }).then((r) => r.ok && setSystemPrinters(r.printers.map((p) => p.name)));
  }, [session]);
  // The centre confirms a save in the background: look again a little later, for that line only. (Not
  // on a timer: every call counts as the technician's activity and would keep the session from expiring.)
  const [savedAt, setSavedAt] = useState(0);
  useEffect(() => {
    if (savedAt === 0) return;
    const timers = [3_000, 15_000].map((ms) =>
      setTimeout(() => void desk.bridge.getDeviceSettings({ session }).then((r) => r.ok && setLoaded(r)), ms),
    );
    return () => timers.forEach(clearTimeout);
  }, [desk, session, savedAt]);

  if (!form || !loaded) return <main className="technician">…</main>;

  const set = (next: Partial<DeviceSettingsInput>) => setForm({ ...form, ...next });
  const setThermal = (next: Partial<ThermalPrinterSettings>) => form.thermal && set({ thermal: { ...form.thermal, ...next } });
  const setDocument = (next: Partial<DeviceSettingsInput['document']>) => set({ document: { ...form.document, ...next } });
  const setWedge = (next: Partial<DeviceSettingsInput['scanner']['wedge']>) => set({ scanner: { ...form.scanner, wedge: { ...form.scanner.wedge, ...next } } });
  const num = (v: number) => (Number.isFinite(v) ? v : '');
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setNotice(null);
    try {
      await work();
    } finally {
      setBusy(false);
    }
  };
  /** The form checked with the schema the machine uses; problems named by their field's label. */
  const checked = (): DeviceSettingsInput | null => {
    const parsed = deviceSettingsInputSchema.safeParse(form);
    if (parsed.success) {
      setProblems([]);
      return parsed.data;
    }
    setProblems([...new Set(parsed.error.issues.map((i) => fieldLabel(t, i.path.map(String))))]);
    return null;
  };

  const thermal = form.thermal;
  const conn = thermal?.connection;
  const statusLine = (online: boolean, paper: string) => t('tech.statusOk', { online: online ? t('tech.online') : t('tech.offline'), paper: t(`tech.paper${paper[0]!.toUpperCase()}${paper.slice(1)}`) });

  return (
    <main className="technician">
      <header className="tech-header">
        <h1>{t('tech.unlockTitle')}</h1>
        <button type="button" data-testid="tech-lock" onClick={() => void desk.bridge.technicianLock({ session }).finally(() => onClosed())}>
          {t('tech.lock')}
        </button>
      </header>
      <datalist id="system-printers" data-testid="system-printers">
        {systemPrinters.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <div className="tech-messages">
        {problems.length > 0 && (
          <div role="alert" className="error" data-testid="tech-problems">
            {t('tech.invalid')}
            <ul>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </div>
        )}
        {notice && (
          <p role={notice.kind === 'error' ? 'alert' : 'status'} className={notice.kind === 'error' ? 'error' : 'ok'} data-testid="tech-notice" data-kind={notice.kind}>
            {notice.text}
          </p>
        )}

      </div>

      <section data-testid="tech-thermal">
        <h2>{t('tech.sectionThermal')}</h2>
        <label className="check">
          <input type="checkbox" data-testid="has-thermal" checked={thermal !== null} onChange={(e) => set({ thermal: e.target.checked ? (loaded.settings.thermal ?? NEW_THERMAL) : null })} />
          {t('tech.hasThermal')}
        </label>
        {thermal && conn && (
          <div className="grid-form">
            <Field label={t('tech.connection')}>
              <select
                data-testid="thermal-kind"
                value={conn.kind}
                onChange={(e) =>
                  setThermal({ connection: e.target.value === 'tcp' ? { kind: 'tcp', host: '192.168.1.50', port: 9100 } : e.target.value === 'serial' ? { kind: 'serial', path: 'COM1', baudRate: 9600 } : { kind: 'queue', printerName: '' } })
                }
              >
                <option value="tcp">{t('tech.connTcp')}</option>
                <option value="serial">{t('tech.connSerial')}</option>
                <option value="queue">{t('tech.connQueue')}</option>
              </select>
            </Field>
            {conn.kind === 'tcp' ? (
              <>
                <Field label={t('tech.host')}>
                  <input data-testid="thermal-host" value={conn.host} onChange={(e) => setThermal({ connection: { ...conn, host: e.target.value.trim() } })} />
                </Field>
                <Field label={t('tech.port')}>
                  <input data-testid="thermal-port" type="number" value={num(conn.port)} onChange={(e) => setThermal({ connection: { ...conn, port: e.target.valueAsNumber } })} />
                </Field>
              </>
            ) : conn.kind === 'queue' ? (
              <Field label={t('tech.printerName')}>
                <input data-testid="thermal-printer-name" list="system-printers" value={conn.printerName} onChange={(e) => setThermal({ connection: { ...conn, printerName: e.target.value } })} />
              </Field>
            ) : (
              <>
                <Field label={t('tech.serialPath')}>
                  <input data-testid="thermal-serial-path" value={conn.path} onChange={(e) => setThermal({ connection: { ...conn, path: e.target.value.trim() } })} />
                </Field>
                <Field label={t('tech.baud')}>
                  <BaudSelect value={conn.baudRate} onChange={(baudRate) => setThermal({ connection: { ...conn, baudRate } })} />
                </Field>
              </>
            )}
            <Field label={t('tech.paper')}>
              <select data-testid="thermal-paper" value={thermal.paperWidthMm} onChange={(e) => {
                const paper = Number(e.target.value) as 58 | 80;
                setThermal({ paperWidthMm: paper, dotsPerLine: DEFAULT_DOTS_PER_LINE[paper] });
              }}>
                <option value={58}>58 mm</option>
                <option value={80}>80 mm</option>
              </select>
            </Field>
            <Field label={t('tech.dots')}>
              <input data-testid="thermal-dots" type="number" step={8} value={num(thermal.dotsPerLine)} onChange={(e) => setThermal({ dotsPerLine: e.target.valueAsNumber })} />
            </Field>
            <Field label={t('tech.codePage')}>
              <select data-testid="thermal-code-page" value={thermal.codePage} onChange={(e) => setThermal({ codePage: e.target.value as ThermalPrinterSettings['codePage'] })}>
                <option value="kz1048">{t('tech.cpKz1048')}</option>
                <option value="cp866">{t('tech.cpCp866')}</option>
                <option value="wpc1251">{t('tech.cpWpc1251')}</option>
                <option value="raster">{t('tech.cpRaster')}</option>
              </select>
            </Field>
            <Field label={t('tech.density')}>
              <input data-testid="thermal-density" type="number" min={-3} max={3} value={num(thermal.density)} onChange={(e) => setThermal({ density: e.target.valueAsNumber })} />
            </Field>
            <label className="check">
              <input type="checkbox" data-testid="thermal-qr" checked={thermal.supportsQrCommand} onChange={(e) => setThermal({ supportsQrCommand: e.target.checked })} />
              {t('tech.qrCommand')}
            </label>
            <label className="check">
              <input type="checkbox" checked={thermal.cut} onChange={(e) => setThermal({ cut: e.target.checked })} />
              {t('tech.cut')}
            </label>
            <div className="actions">
              <button type="button" data-testid="thermal-test-page" disabled={busy} onClick={() => void run(async () => {
                const ok = checked();
                if (!ok?.thermal) return;
                const r = await desk.bridge.printTestPage({ session, thermal: ok.thermal });
                if (r.ok) setNotice({ kind: 'ok', text: t('tech.printedTest', { bytes: r.bytes }) });
                else fail(r);
              })}>
                {t('tech.testPage')}
              </button>
              <button type="button" data-testid="thermal-status" disabled={busy} onClick={() => void run(async () => {
                const ok = checked();
                if (!ok?.thermal) return;
                const r = await desk.bridge.checkPrinter({ session, thermal: ok.thermal });
                if (r.ok) setNotice({ kind: r.online && r.paper !== 'out' ? 'ok' : 'error', text: statusLine(r.online, r.paper) });
                else fail(r);
              })}>
                {t('tech.checkStatus')}
              </button>
            </div>
          </div>
        )}
      </section>

      <section data-testid="tech-document">
        <h2>{t('tech.sectionDocument')}</h2>
        <div className="grid-form">
          <Field label={t('tech.queue')}>
            <input data-testid="document-queue" list="system-printers" value={form.document.queue} onChange={(e) => setDocument({ queue: e.target.value })} />
          </Field>
          <Field label={t('tech.blankMode')}>
            <select data-testid="document-mode" value={form.document.blankMode} onChange={(e) => setDocument({ blankMode: e.target.value as 'full-form' | 'pre-printed' })}>
              <option value="full-form">{t('tech.modeFull')}</option>
              <option value="pre-printed">{t('tech.modePre')}</option>
            </select>
          </Field>
        </div>
        <h3>{t('tech.sectionCalibration')}</h3>
        <p className="hint">{t('tech.calibrationHint')}</p>
        <div className="grid-form">
          <Field label={t('tech.offsetX')}>
            <input data-testid="offset-x" type="number" step={0.5} value={num(form.document.offsetXmm)} onChange={(e) => setDocument({ offsetXmm: e.target.valueAsNumber })} />
          </Field>
          <Field label={t('tech.offsetY')}>
            <input data-testid="offset-y" type="number" step={0.5} value={num(form.document.offsetYmm)} onChange={(e) => setDocument({ offsetYmm: e.target.valueAsNumber })} />
          </Field>
          <Field label={t('tech.scale')}>
            <input data-testid="scale" type="number" step={0.005} value={num(form.document.scale)} onChange={(e) => setDocument({ scale: e.target.valueAsNumber })} />
          </Field>
          <div className="actions">
            <button type="button" data-testid="print-grid" disabled={busy} onClick={() => void run(async () => {
              const ok = checked();
              if (!ok) return;
              const r = await desk.bridge.printCalibration({ session, document: ok.document });
              if (r.ok) setNotice({ kind: 'ok', text: t('tech.printedGrid') });
              else fail(r);
            })}>
              {t('tech.printGrid')}
            </button>
          </div>
        </div>
        <OverlayPreview layout={loaded.overlayLayout} document={form.document} />
      </section>

      <section data-testid="tech-scanner">
        <h2>{t('tech.sectionScanner')}</h2>
        <h3>{t('tech.wedgeTitle')}</h3>
        <div className="grid-form">
          <Field label={t('tech.maxInterval')}>
            <input data-testid="wedge-interval" type="number" value={num(form.scanner.wedge.maxIntervalMs)} onChange={(e) => setWedge({ maxIntervalMs: e.target.valueAsNumber })} />
          </Field>
          <Field label={t('tech.minLength')}>
            <input data-testid="wedge-min-length" type="number" value={num(form.scanner.wedge.minLength)} onChange={(e) => setWedge({ minLength: e.target.valueAsNumber })} />
          </Field>
          <Field label={t('tech.prefix')}>
            <input
              data-testid="wedge-prefix"
              value={form.scanner.wedge.prefix}
              onChange={(e) => setWedge({ prefix: e.target.value })}
              onKeyDown={(e) => {
                // Read by key code like the scan field, so a prefix typed under a Russian layout still matches.
                const ch = e.ctrlKey || e.metaKey || e.altKey ? null : charForKeyCode(e.nativeEvent.code, e.shiftKey);
                if (ch === null) return;
                e.preventDefault();
                setWedge({ prefix: (form.scanner.wedge.prefix + ch).slice(0, 10) });
              }}
            />
          </Field>
          <Field label={t('tech.suffix')}>
            <select data-testid="wedge-suffix" value={form.scanner.wedge.suffix} onChange={(e) => setWedge({ suffix: e.target.value as 'Enter' | 'Tab' | 'none' })}>
              <option value="Enter">{t('tech.suffixEnter')}</option>
              <option value="Tab">{t('tech.suffixTab')}</option>
              <option value="none">{t('tech.suffixNone')}</option>
            </select>
          </Field>
          <Field label={t('tech.idle')}>
            <input type="number" value={num(form.scanner.wedge.idleMs)} onChange={(e) => setWedge({ idleMs: e.target.valueAsNumber })} />
          </Field>
        </div>
        <label className="check">
          <input type="checkbox" data-testid="has-serial" checked={form.scanner.serial !== null} onChange={(e) => set({ scanner: { ...form.scanner, serial: e.target.checked ? { path: 'COM3', baudRate: 9600, lineEnding: 'CR' } : null } })} />
          {t('tech.hasSerial')}
        </label>
        {form.scanner.serial && (
          <div className="grid-form">
            <Field label={t('tech.serialPath')}>
              <input data-testid="serial-path" value={form.scanner.serial.path} onChange={(e) => set({ scanner: { ...form.scanner, serial: { ...form.scanner.serial!, path: e.target.value.trim() } } })} />
            </Field>
            <Field label={t('tech.baud')}>
              <BaudSelect testId="serial-baud" value={form.scanner.serial.baudRate} onChange={(baudRate) => set({ scanner: { ...form.scanner, serial: { ...form.scanner.serial!, baudRate } } })} />
            </Field>
            <Field label={t('tech.lineEnding')}>
              <select data-testid="serial-line-ending" value={form.scanner.serial.lineEnding} onChange={(e) => set({ scanner: { ...form.scanner, serial: { ...form.scanner.serial!, lineEnding: e.target.value as 'CR' | 'LF' | 'CRLF' } } })}>
                <option value="CR">CR</option>
                <option value="LF">LF</option>
                <option value="CRLF">CR LF</option>
              </select>
            </Field>
          </div>
        )}
        <ScanTest wedge={form.scanner.wedge} />
      </section>

      <section data-testid="tech-save" className="tech-save">
        <Field label={t('tech.technicianName')}>
          <input data-testid="tech-name" value={name} onChange={(e) => setName(e.target.value)} readOnly={byPerson} />
        </Field>
        <button type="button" data-testid="tech-save-button" disabled={busy} onClick={() => void run(async () => {
          const ok = checked();
          if (!ok) return;
          if (name.trim() === '') return setNotice({ kind: 'error', text: t('tech.needName') });
          const r = await desk.bridge.saveDeviceSettings({ session, technicianName: name.trim(), settings: ok });
          if (!r.ok) return fail(r);
          take(r);
          setSavedAt(Date.now());
          // A configuration change is evidence like any record: who changed what, chained in the desk's audit log.
          const changed = (['thermal', 'document', 'scanner'] as const).filter((k) => JSON.stringify(loaded?.settings[k]) !== JSON.stringify(r.settings[k]));
          void recordAuditQuietly(desk.db, { deskId: desk.info.deskId, checkpointId: desk.info.checkpointId as CheckpointId }, { kind: 'config-change', userId: me?.id ?? null, subject: 'device-settings', details: { revision: r.settings.revision, changed: changed.join(',') || 'none', by: clip(r.settings.updatedBy ?? name.trim(), 200) } });
          setNotice({ kind: 'ok', text: t('tech.saved', { revision: r.settings.revision }) });
        })}>
          {t('tech.save')}
        </button>
        <p data-testid="tech-revision" className="hint">
          {loaded.saved ? t('tech.revisionLine', { revision: loaded.settings.revision, by: loaded.settings.updatedBy, at: new Date(loaded.settings.updatedAt).toLocaleString(i18n.language === 'en' ? 'en-GB' : i18n.language === 'ru' ? 'ru-RU' : 'kk-KZ') }) : t('tech.launchDefaults')}{' '}
          {loaded.centreRevision !== null && loaded.centreRevision >= loaded.settings.revision ? t('tech.centreHas', { revision: loaded.centreRevision }) : loaded.saved ? t('tech.centreNot') : ''}
        </p>
      </section>

      <section data-testid="tech-diagnostics">
        <h2>{t('tech.sectionDiagnostics')}</h2>
        <p className="hint">{t('tech.diagHint')}</p>
        <button type="button" data-testid="diagnostics-download" disabled={busy} onClick={() => void run(async () => {
          const r = await desk.bridge.getDiagnostics({ session });
          if (!r.ok) return fail(r);
          const bundle = {
            machine: r.machine,
            page: {
              language: i18n.language,
              userAgent: globalThis.navigator?.userAgent ?? null,
              sync: desk.sync.status$.value,
              outbox: { waiting: await firstValueFrom(outboxCount$(desk.db)), oldestWaitingAt: await firstValueFrom(oldestWaiting$(desk.db)) },
              storage: desk.storage.state$.value,
            },
          };
          const name = `shekara-diagnostics-${desk.info.deskId}-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.json`;
          downloadDiagnostics(name, bundle);
          setNotice({ kind: 'ok', text: t('tech.diagSaved', { name }) });
        })}>
          {t('tech.diagDownload')}
        </button>
      </section>

      <BackupPanel userId={me?.id ?? null} />
    </main>
  );
}
