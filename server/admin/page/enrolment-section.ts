/**
 * The admin page's desk section (issue 9 item 2): make a one-time enrolment code for a desk (shown once,
 * for the technician to type with `npm run enrol`), list the devices the centre knows, revoke a desk.
 * Builds its own DOM into the page's <main>, so the page's HTML stays as it is.
 */
import { formatEnrolmentCode } from '../../../shared/devices/enrolment.ts';
import { PILOT_CHECKPOINTS } from '../../../shared/reference/checkpoints.ts';

type Lang = 'kk' | 'ru' | 'en';
const TEXTS = {
  kk: {
    title: 'Пульттер және тіркеу',
    checkpoint: 'Өткізу пункті',
    desk: 'Пульт',
    role: 'Рөлі',
    roles: { desk: 'пульт', supervisor: 'аға ауысым', admin: 'әкімші' },
    make: 'Бір реттік код жасау',
    code: 'Код (бір рет көрсетіледі, {hours} сағат жарамды): {code}. Техник пультте енгізеді: npm run enrol -- --server {server} --code {code}',
    revoke: 'Кері қайтару',
    confirm: '{desk} пультінің кілтін кері қайтару керек пе? Пульт орталықпен бірден байланысын үзеді.',
    revoked: '{desk} кері қайтарылды.',
    cols: ['Пункт · пульт', 'Рөлі', 'Тіркелген', 'Кері қайтарылған', ''],
    failed: 'Орындалмады: {message}',
  },
  ru: {
    title: 'Пульты и регистрация',
    checkpoint: 'Пункт пропуска',
    desk: 'Пульт',
    role: 'Роль',
    roles: { desk: 'пульт', supervisor: 'старший смены', admin: 'администратор' },
    make: 'Создать одноразовый код',
    code: 'Код (показывается один раз, действует {hours} ч): {code}. Техник вводит на пульте: npm run enrol -- --server {server} --code {code}',
    revoke: 'Отозвать',
    confirm: 'Отозвать ключ пульта {desk}? Пульт сразу потеряет связь с центром.',
    revoked: 'Пульт {desk} отозван.',
    cols: ['Пункт · пульт', 'Роль', 'Зарегистрирован', 'Отозван', ''],
    failed: 'Не выполнено: {message}',
  },
  en: {
    title: 'Desks and enrolment',
    checkpoint: 'Checkpoint',
    desk: 'Desk',
    role: 'Role',
    roles: { desk: 'desk', supervisor: 'supervisor station', admin: 'administrator' },
    make: 'Make a one-time code',
    code: 'Code (shown once, valid {hours} h): {code}. The technician types on the desk: npm run enrol -- --server {server} --code {code}',
    revoke: 'Revoke',
    confirm: 'Revoke desk {desk}? It loses its connection to the centre at once.',
    revoked: 'Desk {desk} revoked.',
    cols: ['Checkpoint · desk', 'Role', 'Enrolled', 'Revoked', ''],
    failed: 'Not done: {message}',
  },
} as const;

const fill = (s: string, v: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (_, k: string) => String(v[k] ?? ''));

type Api = (path: string, init?: RequestInit) => Promise<{ status: number; body: any }>;
type DeviceRow = { checkpointId: string; deskId: string; role: 'desk' | 'supervisor' | 'admin'; createdAt: string; enrolledAt: string | null; revokedAt: string | null };

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text = '', attrs: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.textContent = text;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

export function mountEnrolmentSection({ api, lang, checkpointName }: { api: Api; lang: () => Lang; checkpointName: (id: string) => string }): { render(): Promise<void> } {
  const section = el('section', '', { 'data-testid': 'enrolment' });
  document.querySelector('main')!.append(section);
  let shownCode = '';

  async function render(): Promise<void> {
    const t = TEXTS[lang()];
    const form = el('form', '', { id: 'enrolment-code' });
    const checkpoint = el('select', '', { name: 'checkpointId', 'data-testid': 'enrol-checkpoint' });
    checkpoint.append(...PILOT_CHECKPOINTS.map((c) => el('option', checkpointName(c.id), { value: c.id })));
    const desk = el('input', '', { name: 'deskId', required: '', pattern: '[A-Za-z0-9-]{1,40}', 'data-testid': 'enrol-desk' });
    const role = el('select', '', { name: 'role', 'data-testid': 'enrol-role' });
    role.append(el('option', t.roles.desk, { value: 'desk' }), el('option', t.roles.supervisor, { value: 'supervisor' }));
    const label = (text: string, input: HTMLElement) => {
      const l = el('label');
      l.append(el('span', text), input);
      return l;
    };
    form.append(label(t.checkpoint, checkpoint), label(t.desk, desk), label(t.role, role), el('button', t.make, { type: 'submit', 'data-testid': 'enrol-make' }));
    const notice = el('p', shownCode, { role: 'status', 'data-testid': 'enrol-notice' });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void (async () => {
        const res = await api('/enrolment-codes', { method: 'POST', body: JSON.stringify({ checkpointId: checkpoint.value, deskId: desk.value.trim(), role: role.value }) });
        if (res.status !== 200) return void ((notice.textContent = fill(t.failed, { message: String(res.body?.message ?? res.status) })), (notice.className = 'error'));
        const hours = Math.round((Date.parse(res.body.expiresAt) - Date.now()) / 3_600_000);
        // Kept only in this page's memory until the page is left: the centre cannot show it again.
        shownCode = fill(t.code, { code: formatEnrolmentCode(res.body.code), hours, server: location.origin });
        notice.textContent = shownCode;
        notice.className = 'ok';
      })();
    });

    const table = el('table', '', { 'data-testid': 'enrol-devices' });
    const head = el('tr');
    head.append(...t.cols.map((c) => el('th', c)));
    table.append(head);
    const list = await api('/devices');
    const rows = list.status === 200 ? (list.body.devices as DeviceRow[]) : [];
    for (const d of rows) {
      const tr = el('tr', '', { 'data-testid': `enrol-device-${d.checkpointId}-${d.deskId}` });
      const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(lang()) : '—');
      const action = el('td');
      if (!d.revokedAt && d.role !== 'admin') {
        const b = el('button', t.revoke, { type: 'button', 'data-testid': `enrol-revoke-${d.deskId}` });
        b.addEventListener('click', () => {
          if (!confirm(fill(t.confirm, { desk: d.deskId }))) return;
          void (async () => {
            const res = await api('/devices/revoke', { method: 'POST', body: JSON.stringify({ checkpointId: d.checkpointId, deskId: d.deskId }) });
            shownCode = res.status === 200 ? fill(t.revoked, { desk: d.deskId }) : fill(t.failed, { message: String(res.body?.message ?? res.status) });
            await render();
          })();
        });
        action.append(b);
      }
      tr.append(el('td', `${checkpointName(d.checkpointId)} · ${d.deskId}`), el('td', t.roles[d.role] ?? d.role), el('td', when(d.enrolledAt ?? d.createdAt)), el('td', when(d.revokedAt)), action);
      table.append(tr);
    }
    section.replaceChildren(el('h2', t.title), form, notice, table);
  }

  return { render };
}
