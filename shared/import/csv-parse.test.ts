import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv-parse.ts';

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF or LF, and skips blank lines', () => {
    const t = parseCsv('\uFEFFa,b,c\r\n1,"x, ""y""",3\n\n"multi\nline",,"last"\r\n');
    expect(t.header).toEqual(['a', 'b', 'c']);
    expect(t.rows).toEqual([
      { line: 2, cells: ['1', 'x, "y"', '3'] },
      { line: 4, cells: ['multi\nline', '', 'last'] },
    ]);
  });

  it('takes the semicolon a Russian-locale Excel writes, and keeps commas inside fields', () => {
    expect(parseCsv('id;name\n1;ТОО Әлем, филиал').rows[0]!.cells).toEqual(['1', 'ТОО Әлем, филиал']);
  });

  it('refuses a quote never closed, naming the record’s line, and an empty file', () => {
    expect(() => parseCsv('a,b\n1,2\n"3,4\n5,6')).toThrow('line 3: a quoted field is never closed');
    expect(() => parseCsv('')).toThrow('line 1: the file is empty');
  });
});
