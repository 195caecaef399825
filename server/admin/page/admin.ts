/**
 * The central administrator's page: plain DOM, no framework (a handful of forms). The administrator's
 * token comes in the URL fragment (never sent to a server, never in logs), is kept for the tab's life
 * in sessionStorage and sent as a bearer token with every API call.
 */
import { BLANK_STATES } from '../../../shared/blanks/ledger.ts';
import { PILOT_CHECKPOINTS } from '../../../shared/reference/checkpoints.ts';
import type { DeviceSettings, ThermalConnection } from '../../../shared/devices/device-settings.ts';
import type { FeeRateTable } from '../../../shared/documents/fee-rates.ts';
import type { FileProblem, RowProblem } from '../../../shared/import/permit-import.ts';
import { fill, LANGS, TEXTS, type Lang, type Texts } from './admin-texts.ts';
import { mountEnrolmentSection } from './enrolment-section.ts';

const API = '/admin/api';
const TOKEN_KEY = 'shekara-admin-token';
const LANG_KEY = 'shekara-admin-lang';

const fragment = new URLSearchParams(location.hash.slice(1));
if (fragment.get('token')) {
  sessionStorage.setItem(TOKEN_KEY, fragment.get('token')!);
  history.replaceState(null, '', location.pathname); // the token leaves the address bar
}
const token = sessionStorage.getItem(TOKEN_KEY) ?? '';
// A link with a token opened on the page already showing: take the token and start again with it.
addEventListener('hashchange', () => {
  const next = new URLSearchParams(location.hash.slice(1)).get('token');
  if (!next) return;
  sessionStorage.setItem(TOKEN_KEY, next);
  history.replaceState(null, '', location.pathname);
  location.reload();
});
let lang: Lang = (LANGS as readonly string[]).includes(localStorage.getItem(LANG_KEY) ?? '') ? (localStorage.getItem(LANG_KEY) as Lang) : 'kk';
const t = (): Texts => TEXTS[lang];

const $ = <T extends HTMLElement>(sel: string): T => document.querySelector<T>(sel)!;
function el(tag: string, text = '', attrs: Record<string, string> = {}): HTMLElement {
  const e = document.createElement(tag);
  e.textContent = text;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}
function notice(target: HTMLElement, text: string, ok: boolean): void {
  target.textContent = text;
  target.className = ok ? 'ok' : 'error';
}
const checkpointName = (id: string) => {
  const c = PILOT_CHECKPOINTS.find((p) => p.id === id);
  return c ? (lang === 'kk' ? c.nameKk : lang === 'ru' ? c.nameRu : c.nameEn) : id;
};

type ApiAnswer = { status: number; body: any };
async function api(path: string, init: RequestInit = {}): Promise<ApiAnswer> {
  const res = await fetch(`${API}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) } });
  if (res.status === 401 || res.status === 403) $('#auth-error').hidden = false;
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, body: type.includes('json') ? await res.json() : await res.blob() };
}
const issuesOf = (body: any): string => (Array.isArray(body?.issues) ? body.issues.join('; ') : String(body?.message ?? body?.error ?? ''));

function renderTexts(): void {
  document.documentElement.lang = lang;
  document.title = t().title;
  for (const node of document.querySelectorAll<HTMLElement>('[data-t]')) {
    const value = (t() as Record<string, unknown>)[node.dataset.t!];
    if (typeof value === 'string') node.textContent = value;
  }
  const langs = $('#langs');
  langs.replaceChildren(
    ...LANGS.map((l) => {
      const b = el('button', l.toUpperCase(), { type: 'button', 'aria-pressed': String(l === lang), 'data-testid': `lang-${l}` });
      b.addEventListener('click', () => {
        lang = l;
        localStorage.setItem(LANG_KEY, l);
        renderTexts();
        void refresh();
      });
      return b;
    }),
  );
  const select = $<HTMLSelectElement>('#allocate select');
  const chosen = select.value;
  select.replaceChildren(...PILOT_CHECKPOINTS.map((c) => el('option', checkpointName(c.id), { value: c.id })));
  if (chosen) select.value = chosen;
  for (const form of document.querySelectorAll<HTMLFormElement>('form.report')) {
    form.querySelector('.formats')!.replaceChildren(
      ...(['pdf', 'csv', 'xlsx'] as const).flatMap((format) =>
        (format === 'pdf' ? ['kk'] : ['kk', 'ru']).map((l) => {
          const b = el('button', format === 'pdf' ? 'PDF' : `${format.toUpperCase()} ${l.toUpperCase()}`, { type: 'button', 'data-testid': `${form.id}-${format}-${l}` });
          b.addEventListener('click', () => void downloadReport(form, format, l));
          return b;
        }),
      ),
    );
  }
}

const thermalTarget = (c: ThermalConnection) => (c.kind === 'tcp' ? `${c.host}:${c.port}` : c.kind === 'serial' ? `${c.path} @${c.baudRate}` : c.printerName);

type DeskDevices = { checkpointId: string; deskId: string; revision: number; receivedAt: string; settings: DeviceSettings };

/** What support needs at a glance: where each desk prints, how, and with which scanner. */
function renderDevices(desks: DeskDevices[]): void {
  const cols = t().deviceCols;
  const head = el('tr');
  head.append(...[cols.desk, cols.saved, cols.thermal, cols.document, cols.scanner].map((c) => el('th', c)));
  const rows = desks.map(({ checkpointId, deskId, settings: s, receivedAt }) => {
    const th = s.thermal;
    const thermal = th ? `${thermalTarget(th.connection)} · ${th.paperWidthMm} mm / ${th.dotsPerLine} · ${th.codePage}` : '—';
    const d = s.document;
    const document = `${d.queue} · ${d.blankMode === 'pre-printed' ? fill(t().preprinted, { x: d.offsetXmm, y: d.offsetYmm, s: d.scale }) : t().fullForm}`;
    const w = s.scanner.wedge;
    const scanner = `${w.suffix}${w.prefix ? ` ${w.prefix}` : ''} ≤${w.maxIntervalMs} ms${s.scanner.serial ? ` · ${s.scanner.serial.path} ${s.scanner.serial.baudRate} ${s.scanner.serial.lineEnding}` : ''}`;
    const tr = el('tr', '', { 'data-testid': `devices-${deskId}` });
    tr.append(el('td', `${checkpointName(checkpointId)} · ${deskId}`), el('td', `${s.revision} · ${s.updatedBy} · ${new Date(receivedAt).toLocaleString(lang)}`), el('td', thermal), el('td', document), el('td', scanner));
    return tr;
  });
  $('#devices').replaceChildren(head, ...(rows.length ? rows : [el('tr', t().noDevices)]));
}

/** The fee tables the desks charge transit-passage permits by, newest first (read only: they are imported through the API). */
function renderFeeRates(tables: FeeRateTable[]): void {
  const cols = t().feeRateCols;
  const head = el('tr');
  head.append(...[cols.id, cols.validFrom, cols.validDays, cols.source, cols.rates].map((c) => el('th', c)));
  const rows = tables.map((table) => {
    const rates = table.rates.map((r) => `${t().grounds[r.ground] ?? r.ground} · ${t().vehicleClasses[r.vehicleClass] ?? r.vehicleClass}: ${r.mci}`).join('; ');
    const tr = el('tr', '', { 'data-testid': `fee-rates-${table.id}` });
    tr.append(el('td', table.id), el('td', table.validFrom), el('td', String(table.validDays)), el('td', table.source), el('td', rates));
    return tr;
  });
  $('#fee-rates').replaceChildren(head, ...(rows.length ? rows : [el('tr', t().noFeeRates)]));
}

async function refresh(): Promise<void> {
  try {
    void enrolment.render();
    const [overview, alerts, devices, feeRates] = await Promise.all([api('/overview'), api('/alerts'), api('/device-settings'), api('/fee-rates')]);
    if (devices.status === 200) renderDevices(devices.body.desks as DeskDevices[]);
    if (feeRates.status === 200) renderFeeRates(feeRates.body.tables as FeeRateTable[]);
    if (overview.status === 200) {
      const states = BLANK_STATES;
      const head = el('tr');
      head.append(el('th', t().checkpoint), ...states.map((s) => el('th', t().states[s])));
      const rows = (overview.body.checkpoints as { checkpointId: string; balance: Record<string, number> }[]).map((c) => {
        const tr = el('tr', '', { 'data-testid': `stock-${c.checkpointId}` });
        tr.append(el('td', checkpointName(c.checkpointId)), ...states.map((s) => el('td', String(c.balance[s] ?? 0), { 'data-state': s })));
        return tr;
      });
      $('#stock').replaceChildren(head, ...rows);
      $('#anomalies').textContent = fill(t().anomalies, { n: overview.body.anomalyCount });
    }
    if (alerts.status === 200) {
      const list = alerts.body.alerts as { kind: keyof Texts['alertKinds']; subject: string; checkpointIds: string[]; deskIds: string[]; createdAt: number }[];
      $('#alerts').replaceChildren(...(list.length === 0 ? [el('li', t().noAlerts)] : list.map((a) => el('li', `${t().alertKinds[a.kind] ?? a.kind}: ${a.subject} — ${a.checkpointIds.map(checkpointName).join(', ')} (${a.deskIds.join(', ')}), ${new Date(a.createdAt).toLocaleString(lang)}`))));
    }
  } catch (err) {
    $('#anomalies').textContent = fill(t().network, { message: (err as Error).message });
  }
}

async function allocate(form: HTMLFormElement): Promise<void> {
  const data = new FormData(form);
  const num = (k: string) => Number(String(data.get(k)).replace(/^[A-Za-zА-Яа-я]+/, '').trim());
  const body = { checkpointId: String(data.get('checkpointId')), series: String(data.get('series')).trim().toUpperCase().replace('С', 'C'), from: num('from'), to: num('to'), by: String(data.get('by')) };
  const target = $('#allocate-notice');
  const res = await api('/allocate', { method: 'POST', body: JSON.stringify(body) });
  if (res.status === 200) {
    const e = res.body.event as { rangeSeries: string; rangeFrom: number; rangeTo: number; checkpointId: string };
    const n = (v: number) => `${e.rangeSeries}${String(v).padStart(7, '0')}`;
    notice(target, fill(t().allocated, { range: `${n(e.rangeFrom)}-${n(e.rangeTo)}`, n: e.rangeTo - e.rangeFrom + 1, checkpoint: checkpointName(e.checkpointId) }), true);
    void refresh();
    return;
  }
  const code = (res.body?.refusal?.code ?? res.body?.error) as keyof Texts['refusals'];
  const template = t().refusals[code] ?? t().refusals['bad-request'];
  notice(target, fill(template, { numbers: (res.body?.refusal?.numbers ?? []).join(', '), max: res.body?.max ?? '', issues: issuesOf(res.body) }), false);
}

const fieldName = (path: string) => t().fields[path] ?? path;

function rowProblemText(p: RowProblem): string {
  return fill(t().problems[p.code], { field: fieldName(p.field), detail: 'detail' in p ? p.detail : '', value: 'value' in p ? p.value : '', row: 'row' in p ? p.row : '' });
}

function fileProblemText(p: FileProblem): string {
  const values: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(p)) values[k] = Array.isArray(v) ? v.join(', ') : (v as string | number);
  return fill(t().fileProblems[p.code], values);
}

async function importFile(form: HTMLFormElement, dryRun: boolean): Promise<void> {
  const target = $('#import-report');
  const file = (form.elements.namedItem('file') as HTMLInputElement).files?.[0];
  if (!file) return notice(target, t().noFile, false);
  const text = await file.text();
  const format = /\.csv$/i.test(file.name) || file.type === 'text/csv' ? 'csv' : 'json';
  const mode = (new FormData(form).get('mode') as string) === 'valid' ? 'valid' : 'all';
  const res = await api('/import/permits', { method: 'POST', body: JSON.stringify({ format, text, mode, dryRun }) });
  if (res.status !== 200) return notice(target, fill(t().unreadable, { issues: res.body?.problem ? fileProblemText(res.body.problem) : issuesOf(res.body) }), false);
  const r = res.body as { total: number; accepted: number; written: number; rejected: { row: number; line: number | null; ref: string; problems: RowProblem[] }[] };
  const summary = el('p', fill(t().importResult, { total: r.total, accepted: r.accepted, rejected: r.rejected.length, written: r.written }), { class: r.rejected.length === 0 ? 'ok' : 'error', 'data-testid': 'import-summary' });
  const parts: HTMLElement[] = [summary];
  if (!dryRun && r.rejected.length > 0 && r.written === 0) parts.push(el('p', t().importNothing, { class: 'error' }));
  if (r.rejected.length > 0) {
    const table = el('table', '', { class: 'rejected', 'data-testid': 'import-rejected' });
    const head = el('tr');
    head.append(...t().rejectedHead.map((h) => el('th', h)));
    table.append(head);
    for (const row of r.rejected.slice(0, 500)) {
      const tr = el('tr');
      tr.append(el('td', String(row.row)), el('td', row.line === null ? '' : String(row.line)), el('td', row.ref), el('td', row.problems.map(rowProblemText).join('; ')));
      table.append(tr);
    }
    parts.push(table);
  }
  target.replaceChildren(...parts);
  target.className = '';
  if (r.written > 0) void refresh();
}

async function downloadReport(form: HTMLFormElement, format: 'pdf' | 'csv' | 'xlsx', reportLang: string): Promise<void> {
  const target = $('#report-notice');
  if (!form.reportValidity()) return;
  const kind = form.id === 'report-redeemed' ? 'permits-redeemed-by-country' : 'monthly-blank-report';
  const query = new URLSearchParams({ format, lang: reportLang });
  for (const [k, v] of new FormData(form)) query.set(k, String(v));
  const res = await api(`/reports/${kind}?${query}`);
  if (res.status !== 200) return notice(target, fill(t().reportFailed, { issues: issuesOf(res.body) }), false);
  const file = `${kind}-${query.get('month') ?? `${query.get('from')}_${query.get('to')}`}-${reportLang}.${format}`;
  const url = URL.createObjectURL(res.body as Blob);
  const a = el('a', '', { href: url, download: file }) as HTMLAnchorElement;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
  notice(target, fill(t().reportDone, { file }), true);
}

$<HTMLFormElement>('#allocate').addEventListener('submit', (e) => {
  e.preventDefault();
  void allocate(e.target as HTMLFormElement);
});
$<HTMLFormElement>('#import').addEventListener('submit', (e) => {
  e.preventDefault();
  void importFile(e.target as HTMLFormElement, false);
});
$('#import-check').addEventListener('click', () => void importFile($<HTMLFormElement>('#import'), true));
$('#template').addEventListener('click', (e) => {
  e.preventDefault();
  void (async () => {
    const res = await api('/import/template.csv');
    if (res.status !== 200) return;
    const url = URL.createObjectURL(res.body as Blob);
    const a = el('a', '', { href: url, download: 'permits-template.csv' }) as HTMLAnchorElement;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  })();
});

const enrolment = mountEnrolmentSection({ api, lang: () => lang, checkpointName });
renderTexts();
if (!token) $('#auth-error').hidden = false;
else void refresh();
