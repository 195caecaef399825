/**
 * What every rendering of a report shares: the language of an export, the file name, and the few
 * fixed words every report adds of its own (the PDF prints them too).
 */
import type { Bilingual, ReportDoc } from './report-doc.ts';

export type ReportLanguage = 'kk' | 'ru';

export const REPORT_WORDS = {
  generatedAt: { kk: 'Жасалған уақыты', ru: 'Сформирован' },
  summary: { kk: 'Жиынтық', ru: 'Сводка' },
  table: { kk: 'Кесте', ru: 'Таблица' },
  continued: { kk: 'жалғасы', ru: 'продолжение' },
  name: { kk: 'аты-жөні', ru: 'Ф. И. О.' },
  signature: { kk: 'қолы', ru: 'подпись' },
  date: { kk: 'күні', ru: 'дата' },
} as const satisfies Record<string, Bilingual>;

/**
 * `shift-report-2026-12-02.csv`: the kind and the date the report was generated (the first
 * yyyy-mm-dd in generatedAt), so a supervisor's downloads sort by day.
 */
export function reportFileName(doc: Pick<ReportDoc, 'kind' | 'generatedAt'>, extension: 'csv' | 'xlsx' | 'pdf'): string {
  const kind = doc.kind.replace(/[^a-z0-9-]+/gi, '-').replace(/^-+|-+$/g, '') || 'report';
  const day = /\d{4}-\d{2}-\d{2}/.exec(doc.generatedAt)?.[0];
  return `${kind}${day ? `-${day}` : ''}.${extension}`;
}
