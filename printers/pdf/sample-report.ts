/**
 * A small shift report as a ReportDoc, for tests and a technician's test print of the document
 * printer: every part a report can have (warning, meta, a long table, an empty table, signatures).
 */
import type { ReportDoc } from '../../shared/reports/report-doc.ts';

const OFFICERS = ['Серікұлы Ә. Қ.', 'Жұмабаева Г. Ө.', 'Ғабитов Н. Ү.', 'Іргебаев Һ. Ш.'];
const EVENTS = [
  { kk: 'берілді', ru: 'выдан' },
  { kk: 'бүлінді', ru: 'испорчен' },
  { kk: 'өтеуге алынды', ru: 'погашен' },
];

export type SampleReportOptions = { movementRows?: number; warning?: boolean };

export function sampleReport({ movementRows = 12, warning = true }: SampleReportOptions = {}): ReportDoc {
  const rows = Array.from({ length: movementRows }, (_, i) => {
    const event = EVENTS[i % 3]!;
    const minute = 8 * 60 + 7 * i;
    const time = `${String(Math.floor(minute / 60) % 24).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
    return [i + 1, `C${String(100001 + i).padStart(7, '0')}`, `${event.kk} / ${event.ru}`, `02.12.2026 ${time}`, OFFICERS[i % 4]!, i % 7 === 3 ? 'Принтерде қағаз кептеліп қалды, бланк ауыстырылды; «Әңгүр Қөлік Һаб Ұлттық Өңір» ЖШС тасымалдаушысы күтті' : ''];
  });
  return {
    kind: 'shift-report',
    title: { kk: 'Ауысымның бланктер бойынша салыстыру есебі', ru: 'Отчёт о сверке бланков за смену' },
    meta: [
      { label: { kk: 'Өткізу пункті', ru: 'Пункт пропуска' }, value: 'Достық-авто / Достык-авто' },
      { label: { kk: 'Жұмыс орны', ru: 'Рабочее место' }, value: 'dostyk-avto-1' },
      { label: { kk: 'Ауысым', ru: 'Смена' }, value: '02.12.2026 08:00 – 20:00' },
      { label: { kk: 'Ауысымды ашқан', ru: 'Смену открыл' }, value: 'Серікұлы Ә. Қ.' },
      { label: { kk: 'Ауысымды жапқан', ru: 'Смену закрыл' }, value: 'Жұмабаева Г. Ө.' },
    ],
    tables: [
      {
        heading: { kk: 'Қорытынды', ru: 'Итоги' },
        columns: [
          { kk: 'Көрсеткіш', ru: 'Показатель' },
          { kk: 'Күтілген', ru: 'Ожидалось' },
          { kk: 'Нақты', ru: 'Фактически' },
          { kk: 'Айырма', ru: 'Разница' },
        ],
        rows: [
          ['Ауысым басындағы бланктер / Бланков на начало смены', 100, 100, 0],
          ['Берілген / Выдано', 41, 41, 0],
          ['Бүлінген / Испорчено', 2, 3, 1],
          ['Ауысым соңындағы бланктер / Бланков на конец смены', 57, 56, -1],
          ['Алымдар, теңге / Сборы, тенге', 1234567.5, 1234567.5, 0],
        ],
      },
      {
        heading: { kk: 'Бланктер қозғалысы', ru: 'Движение бланков' },
        columns: [
          { kk: '№', ru: '№' },
          { kk: 'Бланк нөмірі', ru: 'Номер бланка' },
          { kk: 'Оқиға', ru: 'Событие' },
          { kk: 'Уақыты', ru: 'Время' },
          { kk: 'Қызметкер', ru: 'Сотрудник' },
          { kk: 'Ескерту', ru: 'Примечание' },
        ],
        rows,
      },
      {
        heading: { kk: 'Түсіндірілмеген айырмашылықтар', ru: 'Необъяснённые расхождения' },
        columns: [
          { kk: 'Бланк нөмірі', ru: 'Номер бланка' },
          { kk: 'Түсініктеме', ru: 'Пояснение' },
        ],
        rows: [],
        empty: { kk: 'Айырмашылық жоқ', ru: 'Расхождений нет' },
      },
    ],
    signatures: [
      { role: { kk: 'Ауысым аға маманы', ru: 'Старший смены' }, name: 'Жұмабаева Г. Ө.' },
      { role: { kk: 'Бланктерді қабылдаған қызметкер', ru: 'Сотрудник, принявший бланки' }, name: '' },
    ],
    generatedAt: '2026-12-02 20:04 (UTC+5) · Shekara 0.1.0 · dostyk-avto-1',
    ...(warning ? { warning: { kk: 'Ауысым айырмашылықпен жабылды: 1 бланк табылмады', ru: 'Смена закрыта с расхождением: не найден 1 бланк' } } : {}),
  };
}
