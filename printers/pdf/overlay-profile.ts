/**
 * Where each value lands on a pre-printed Annex 3 blank, as a technician measures it with a ruler:
 * millimetres from the paper's top-left corner to the start of the value's baseline. The offsets and
 * scale correct the printer's own shift and stretch, found with the calibration page.
 */
import { z } from 'zod';
import { ADDENDUM_ITEMS, type AddendumItem } from './addendum-labels.ts';

const PAGE_SIZES = { A4: { widthMm: 210, heightMm: 297 }, A5: { widthMm: 148, heightMm: 210 } } as const;

const fieldSchema = z.object({
  xMm: z.number().min(0).max(420),
  yMm: z.number().min(0).max(420),
  maxWidthMm: z.number().min(5).max(400),
  fontSizePt: z.number().min(5).max(24),
});

const pageSizeSchema = z.union([
  z.enum(['A4', 'A5']),
  z.object({ widthMm: z.number().min(50).max(420), heightMm: z.number().min(50).max(420) }),
]);

export const overlayProfileSchema = z
  .object({
    pageSize: pageSizeSchema,
    /** A printer's shift; beyond ±20 mm the paper is loaded wrong, not the profile. */
    offsetXmm: z.number().min(-20).max(20),
    offsetYmm: z.number().min(-20).max(20),
    /** Printer stretch; real drift is a few per cent. */
    scale: z.number().min(0.9).max(1.1).default(1),
    fields: z.object(Object.fromEntries(ADDENDUM_ITEMS.map((i) => [String(i), fieldSchema])) as Record<`${AddendumItem}`, typeof fieldSchema>).strict(),
    /** Optional place for the signed QR, when the blank has room for it. */
    qr: z.object({ xMm: z.number().min(0).max(420), yMm: z.number().min(0).max(420), sizeMm: z.number().min(25).max(80) }).optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    const { widthMm, heightMm } = pageSizeMm(p.pageSize);
    for (const [item, f] of Object.entries(p.fields)) {
      if (f.xMm + f.maxWidthMm > widthMm || f.yMm > heightMm || f.yMm < (f.fontSizePt * 25.4) / 72) {
        ctx.addIssue({ code: 'custom', path: ['fields', item], message: `item ${item} lies outside the page` });
      }
    }
    if (p.qr && (p.qr.xMm + p.qr.sizeMm > widthMm || p.qr.yMm + p.qr.sizeMm > heightMm)) {
      ctx.addIssue({ code: 'custom', path: ['qr'], message: 'the QR lies outside the page' });
    }
  });

export type OverlayProfile = z.infer<typeof overlayProfileSchema>;
export type OverlayProfileInput = z.input<typeof overlayProfileSchema>;

export function pageSizeMm(size: OverlayProfile['pageSize']): { widthMm: number; heightMm: number } {
  return typeof size === 'string' ? PAGE_SIZES[size] : size;
}

/** A profile from a technician's file or form: the parsed profile, or every problem found. */
export function parseOverlayProfile(input: unknown): { ok: true; profile: OverlayProfile } | { ok: false; issues: string[] } {
  const r = overlayProfileSchema.safeParse(input);
  return r.success ? { ok: true, profile: r.data } : { ok: false, issues: r.error.issues.map((i) => `${i.path.join('.') || '(profile)'}: ${i.message}`) };
}

/**
 * Starting point for the Annex 3 blank as the Rules typeset it: one line per item down an A4 page,
 * the value after the label's text. Every printer and paper batch is calibrated from here.
 */
const rows: Record<AddendumItem, [yMm: number, xMm: number]> = {
  1: [70, 72], 2: [80, 80], 3: [98, 62], 4: [108, 118], 5: [118, 60], 6: [128, 52],
  7: [140, 30], 8: [150, 62], 9: [160, 48], 10: [170, 66], 11: [180, 70], 12: [190, 42], 13: [200, 105],
};

export const DEFAULT_ANNEX3_PROFILE: OverlayProfile = overlayProfileSchema.parse({
  pageSize: 'A4',
  offsetXmm: 0,
  offsetYmm: 0,
  scale: 1,
  fields: Object.fromEntries(
    ADDENDUM_ITEMS.map((i) => {
      const [yMm, xMm] = rows[i];
      return [String(i), { xMm, yMm, maxWidthMm: 195 - xMm, fontSizePt: i === 13 ? 12 : 10 }];
    }),
  ),
  qr: { xMm: 155, yMm: 225, sizeMm: 40 },
});
