import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportDoc } from '../../shared/reports/report-doc.ts';
import { useDesk } from '../app/desk-context.ts';
import { downloadReport } from '../reports/download-report.ts';

/** Print the report on the document printer, or save it as CSV or XLSX (in Russian when the desk shows Russian, else Kazakh). */
export function ReportActions({ report, language }: { report: ReportDoc; language: string }) {
  const { t } = useTranslation();
  const desk = useDesk();
  const [notice, setNotice] = useState<{ text: string; isError: boolean } | null>(null);
  const lang = language === 'ru' ? 'ru' : 'kk';
  const print = async () => {
    const result = await desk.bridge.printReport({ doc: report }).catch((err: unknown) => ({ ok: false as const, message: err instanceof Error ? err.message : String(err) }));
    setNotice(result.ok ? { text: t('shift.printed'), isError: false } : { text: t('shift.printFailed', { message: result.message }), isError: true });
  };
  return (
    <section className="report-actions" data-testid="report-actions">
      <h2>{t('shift.reportTitle')}</h2>
      <button type="button" data-testid="print-report" onClick={() => void print()}>
        {t('shift.printReport')}
      </button>
      <button type="button" data-testid="download-csv" onClick={() => downloadReport(report, lang, 'csv')}>
        CSV
      </button>
      <button type="button" data-testid="download-xlsx" onClick={() => downloadReport(report, lang, 'xlsx')}>
        XLSX
      </button>
      {notice && (
        <p className={notice.isError ? 'notice notice-error' : 'notice'} data-testid="report-notice" role="status">
          {notice.text}
        </p>
      )}
    </section>
  );
}
