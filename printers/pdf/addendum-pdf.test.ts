import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { verifyAddendumQr } from '../../shared/qr/addendum-qr.ts';
import { ADDENDUM_ITEMS, ANNEX_HEADER, ITEM_LABELS, TITLE } from './addendum-labels.ts';
import { renderAddendumPdf } from './addendum-pdf.ts';
import { HAS_POPPLER, HAS_ZBAR, decodeQrs, pdfText, writeTemp } from './pdf-tools.test-support.ts';
import { SAMPLE_CENTRE_KEYS, SAMPLE_ISSUED_AT, SAMPLE_PERMIT, sampleAddendumInput } from './sample-addendum.ts';

const fold = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('addendum PDF (seed 000 Annex 3)', () => {
  it('is one A4 page under 60 KB', async () => {
    const bytes = await renderAddendumPdf(sampleAddendumInput());
    expect(bytes.length).toBeLessThan(60 * 1024);
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBe(1);
    const { width, height } = doc.getPage(0).getSize();
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
  });

  it.skipIf(!HAS_POPPLER)('has every Kazakh label, its Russian, and every value, as extractable text', async () => {
    const file = writeTemp('addendum.pdf', await renderAddendumPdf(sampleAddendumInput()));
    // Labels wrap across lines in the label column, so compare with line breaks folded to spaces
    // in label-column order: pdftotext -layout keeps each column's words in order on each line.
    const text = pdfText(file);
    const words = new Set(fold(text).split(' '));
    for (const item of ADDENDUM_ITEMS) {
      for (const word of `${ITEM_LABELS[item].kk} ${ITEM_LABELS[item].ru}`.split(' ')) expect(words, `item ${item}: ${word}`).toContain(word);
    }
    expect(text).toContain(`1. ${ITEM_LABELS[1].kk}`);
    expect(text).toContain(`13. ${ITEM_LABELS[13].kk}`);
    for (const word of `${TITLE.kk} ${ANNEX_HEADER.kk}`.split(' ')) expect(words).toContain(word);
    expect(text).toContain(SAMPLE_PERMIT.carrier.nameKk);
    expect(text).toContain(SAMPLE_PERMIT.vehicle.plate);
    expect(text).toContain('C0012345');
    expect(text).toContain(SAMPLE_PERMIT.goodsName);
    expect(text).toContain('2026ж. 20 қараша бастап 2026ж. 19 желтоқсан дейін');
    expect(text).toContain('шығу: Нұр Жолы; кіру: Қорғас');
    expect(text).toContain('19 850 кг');
  });

  it.skipIf(!HAS_POPPLER)('prints and extracts every Kazakh letter', async () => {
    const nameKk = '«ӘҒҚҢӨҰҮҺІ әғқңөұүһі» ЖШС';
    const permit = { ...SAMPLE_PERMIT, carrier: { ...SAMPLE_PERMIT.carrier, nameKk } };
    const text = pdfText(writeTemp('letters.pdf', await renderAddendumPdf(sampleAddendumInput({ permit }))));
    expect(text).toContain(nameKk);
  });

  it.skipIf(!HAS_POPPLER)('prints Kazakh only when asked', async () => {
    const text = pdfText(writeTemp('kk.pdf', await renderAddendumPdf(sampleAddendumInput({ language: 'kk' }))));
    expect(text).toContain(ITEM_LABELS[1].kk);
    expect(text).not.toContain(ITEM_LABELS[1].ru);
  });

  it.skipIf(!HAS_POPPLER || !HAS_ZBAR)('carries a QR that decodes from a 150 dpi render and verifies', async () => {
    const input = sampleAddendumInput();
    const file = writeTemp('qr.pdf', await renderAddendumPdf(input));
    const codes = decodeQrs(file, 150);
    expect(codes).toEqual([input.qrText]);
    const v = verifyAddendumQr(codes[0]!, SAMPLE_CENTRE_KEYS, SAMPLE_ISSUED_AT);
    expect(v).toMatchObject({ ok: true, payload: { blankNumber: 'C0012345', plate: SAMPLE_PERMIT.vehicle.plate, checkpointId: 'nur-zholy' } });
  });

  it.skipIf(!HAS_POPPLER)('keeps very long values on the page by shrinking the items', async () => {
    const long = 'Бидай ұны және басқа да астық өнімдері, ҚХР-ға экспортқа арналған '.repeat(3).slice(0, 200);
    const permit = { ...SAMPLE_PERMIT, goodsName: long, loadingPlace: long, unloadingPlace: long, carrier: { ...SAMPLE_PERMIT.carrier, addressKk: `${long}${long}`.slice(0, 300) } };
    const file = writeTemp('long.pdf', await renderAddendumPdf(sampleAddendumInput({ permit })));
    const text = pdfText(file);
    expect(text).toContain('C0012345');
    expect(text).toContain(ITEM_LABELS[13].kk);
    expect(text.split('\f').filter((p) => p.trim() !== '')).toHaveLength(1);
  });
});
