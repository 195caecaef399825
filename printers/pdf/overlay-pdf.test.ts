import { describe, expect, it } from 'vitest';
import { verifyAddendumQr } from '../../shared/qr/addendum-qr.ts';
import { ADDENDUM_ITEMS, ITEM_LABELS } from './addendum-labels.ts';
import { addendumValues } from './addendum-values.ts';
import { renderAddendumOverlayPdf, renderCalibrationPdf, type OverlayValues } from './overlay-pdf.ts';
import { DEFAULT_ANNEX3_PROFILE, parseOverlayProfile } from './overlay-profile.ts';
import { HAS_POPPLER, HAS_ZBAR, decodeQrs, pdfText, writeTemp } from './pdf-tools.test-support.ts';
import { TEST_BARCODE } from '../thermal/test-page.ts';
import { SAMPLE_CENTRE_KEYS, SAMPLE_ISSUED_AT, SAMPLE_PERMIT, sampleAddendumInput } from './sample-addendum.ts';

function sampleValues(): OverlayValues {
  const v = addendumValues(SAMPLE_PERMIT, 'C0012345');
  return { ...Object.fromEntries(ADDENDUM_ITEMS.map((i) => [i, v[i].kk])), qrText: sampleAddendumInput().qrText };
}

describe('overlay onto a pre-printed blank', () => {
  it.skipIf(!HAS_POPPLER)('prints the values and none of the labels', async () => {
    const text = pdfText(writeTemp('overlay.pdf', await renderAddendumOverlayPdf(sampleValues(), DEFAULT_ANNEX3_PROFILE)));
    expect(text).toContain(SAMPLE_PERMIT.carrier.nameKk);
    expect(text).toContain(SAMPLE_PERMIT.vehicle.plate);
    expect(text).toContain('C0012345');
    for (const item of ADDENDUM_ITEMS) {
      expect(text).not.toContain(ITEM_LABELS[item].kk);
      expect(text).not.toContain(ITEM_LABELS[item].ru);
    }
  });

  it.skipIf(!HAS_POPPLER || !HAS_ZBAR)('places a QR that verifies', async () => {
    const file = writeTemp('overlay-qr.pdf', await renderAddendumOverlayPdf(sampleValues(), DEFAULT_ANNEX3_PROFILE));
    const [code] = decodeQrs(file);
    expect(verifyAddendumQr(code ?? '', SAMPLE_CENTRE_KEYS, SAMPLE_ISSUED_AT).ok).toBe(true);
  });

  it.skipIf(!HAS_POPPLER)('moves values by the calibrated offset', async () => {
    // A 1-item overlay shifted down by 20 mm moves the text 20 mm lower in pdftotext's bounding boxes.
    const yOf = async (offsetYmm: number) => {
      const file = writeTemp('shift.pdf', await renderAddendumOverlayPdf({ 13: 'C0012345' }, { ...DEFAULT_ANNEX3_PROFILE, offsetYmm }));
      const { execFileSync } = await import('node:child_process');
      const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
      return Number(/yMin="([\d.]+)"[^>]*>C0012345/.exec(html)![1]);
    };
    expect((await yOf(20)) - (await yOf(0))).toBeCloseTo((20 * 72) / 25.4, 0);
  });

  it.skipIf(!HAS_POPPLER)('prints a calibration page with the grid and every field', async () => {
    const text = pdfText(writeTemp('calibration.pdf', await renderCalibrationPdf(DEFAULT_ANNEX3_PROFILE)));
    expect(text).toContain('100 mm');
    for (const item of ADDENDUM_ITEMS) expect(text).toMatch(new RegExp(`\\b${item}\\b`));
  });

  it.skipIf(!HAS_POPPLER || !HAS_ZBAR)('the calibration page is the document printer’s test page too: every letter, a QR and a Code 128 that scan back', async () => {
    const file = writeTemp('calibration-test.pdf', await renderCalibrationPdf({ ...DEFAULT_ANNEX3_PROFILE, offsetXmm: 3, offsetYmm: -2 }));
    const text = pdfText(file);
    // pdftotext may drop the spaces between letters; every letter must be there, each once per line.
    for (const letter of 'ӘҒҚҢӨҰҮҺІәғқңөұүһіЁЪЫЭЮЯёъыэюя') expect(text).toContain(letter);
    expect(text).toContain('offset 3 / -2 mm');
    expect(decodeQrs(file).sort()).toEqual([TEST_BARCODE, 'SHEKARA TEST A4'].sort());
  });
});

describe('overlay profile', () => {
  it('accepts the default and a technician-style edit', () => {
    expect(parseOverlayProfile(DEFAULT_ANNEX3_PROFILE).ok).toBe(true);
    const edited = { ...DEFAULT_ANNEX3_PROFILE, offsetXmm: -1.5, offsetYmm: 2.25, scale: 0.985 };
    expect(parseOverlayProfile(edited)).toMatchObject({ ok: true, profile: { scale: 0.985 } });
    const { scale: _, ...noScale } = DEFAULT_ANNEX3_PROFILE;
    expect(parseOverlayProfile(noScale)).toMatchObject({ ok: true, profile: { scale: 1 } });
  });

  it('rejects nonsense', () => {
    const d = DEFAULT_ANNEX3_PROFILE;
    const bad: unknown[] = [
      null,
      'A4',
      {},
      { ...d, pageSize: 'Letter' },
      { ...d, offsetXmm: 100 },
      { ...d, scale: 2 },
      { ...d, scale: Number.NaN },
      { ...d, fields: { ...d.fields, 3: { ...d.fields[3], fontSizePt: 0 } } },
      { ...d, fields: { ...d.fields, 3: { ...d.fields[3], xMm: 190, maxWidthMm: 60 } } },
      { ...d, fields: { ...d.fields, 13: { ...d.fields[13], yMm: 400 } } },
      { ...d, fields: { ...d.fields, 14: d.fields[1] } },
      { ...d, fields: Object.fromEntries(Object.entries(d.fields).filter(([k]) => k !== '7')) },
      { ...d, qr: { xMm: 190, yMm: 10, sizeMm: 40 } },
      { ...d, extra: true },
    ];
    for (const p of bad) expect(parseOverlayProfile(p).ok, JSON.stringify(p)?.slice(0, 80)).toBe(false);
    const r = parseOverlayProfile({ ...d, offsetXmm: 100 });
    expect(r.ok === false && r.issues[0]).toMatch(/^offsetXmm:/);
  });
});
