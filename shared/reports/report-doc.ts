/**
 * A printed or exported report as data: the shift report at a desk, the centre's monthly reports. One
 * shape so one PDF renderer (printers/pdf/report-pdf.ts), one CSV and one XLSX writer serve them all.
 * Every label carries Kazakh and Russian: paper goes out in both, Kazakh first (seed texts are Kazakh).
 */
export type Bilingual = { kk: string; ru: string };

export type ReportCell = string | number;

export type ReportTable = {
  heading: Bilingual;
  columns: Bilingual[];
  rows: ReportCell[][];
  /** Printed when rows is empty, e.g. "no differences". */
  empty?: Bilingual;
};

export type ReportDoc = {
  /** Stable machine name, used for file names: `shift-report`, `permits-by-country`, … */
  kind: string;
  title: Bilingual;
  /** Key facts under the title: checkpoint, desk, period, who opened and closed. */
  meta: { label: Bilingual; value: string }[];
  tables: ReportTable[];
  /** Signature lines at the end (the supervisor's, the officer's…): the label and the name, if known. */
  signatures: { role: Bilingual; name: string }[];
  /** When and by which system it was made, printed in the footer of every page. */
  generatedAt: string;
  /** Shown in red under the title when the report was closed by an override, or covers partial data. */
  warning?: Bilingual;
};
