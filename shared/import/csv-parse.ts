/**
 * RFC 4180 CSV as registry exports come: comma or semicolon (Excel in a Russian locale writes ";"),
 * quoted fields with doubled quotes and line breaks, CRLF or LF, an optional UTF-8 byte order mark.
 * A quote left open is an error with its line, not a silently merged rest of the file.
 */
export type CsvTable = { header: string[]; rows: { line: number; cells: string[] }[] };

export class CsvError extends Error {
  constructor(
    readonly line: number,
    readonly kind: 'unclosed-quote' | 'empty',
  ) {
    super(`line ${line}: ${kind === 'unclosed-quote' ? 'a quoted field is never closed' : 'the file is empty'}`);
  }
}

function detectDelimiter(firstLine: string): ',' | ';' {
  const count = (ch: string) => firstLine.split(ch).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

export function parseCsv(text: string): CsvTable {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const delimiter = detectDelimiter(src.slice(0, src.search(/\r?\n|$/)));
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let fieldStarted = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (ch === delimiter) {
      cells.push(field);
      field = '';
      fieldStarted = false;
    } else if (ch === '\n' || (ch === '\r' && src[i + 1] === '\n')) {
      if (ch === '\r') i++;
      cells.push(field);
      if (cells.length > 1 || cells[0] !== '') records.push({ line: recordLine, cells });
      cells = [];
      field = '';
      fieldStarted = false;
      line++;
      recordLine = line;
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  if (quoted) throw new CsvError(recordLine, 'unclosed-quote');
  cells.push(field);
  if (cells.length > 1 || cells[0] !== '') records.push({ line: recordLine, cells });
  const [head, ...rows] = records;
  if (!head) throw new CsvError(1, 'empty');
  return { header: head.cells.map((h) => h.trim()), rows };
}
