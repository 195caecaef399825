import { useTranslation } from 'react-i18next';
import type { DeviceSettingsResult } from '../../shared/bridge/bridge.ts';
import type { DocumentPrinterSettings } from '../../shared/devices/device-settings.ts';

type Layout = Extract<DeviceSettingsResult, { ok: true }>['overlayLayout'];

/**
 * The blank drawn to scale: its own fields in grey where the form has them, and the specimen's values
 * in red where this printer, with the offsets on the form, will put them. The same mapping as the
 * overlay PDF (x·scale + offset from the top-left corner), so what the preview shows is what prints.
 */
export function OverlayPreview({ layout, document: d }: { layout: Layout; document: DocumentPrinterSettings }) {
  const { t } = useTranslation();
  const ok = Number.isFinite(d.offsetXmm) && Number.isFinite(d.offsetYmm) && Number.isFinite(d.scale);
  const x = (mm: number) => mm * (ok ? d.scale : 1) + (ok ? d.offsetXmm : 0);
  const y = (mm: number) => mm * (ok ? d.scale : 1) + (ok ? d.offsetYmm : 0);
  return (
    <figure className="overlay-preview">
      <figcaption>{t('tech.previewTitle')}</figcaption>
      <svg data-testid="overlay-preview" viewBox={`0 0 ${layout.widthMm} ${layout.heightMm}`} width={layout.widthMm * 2} height={layout.heightMm * 2} role="img" aria-label={t('tech.previewTitle')}>
        <rect x={0} y={0} width={layout.widthMm} height={layout.heightMm} fill="#fff" stroke="#888" strokeWidth={0.4} />
        {layout.fields.map((f) => (
          <g key={f.item}>
            <line x1={f.xMm} y1={f.yMm + 0.8} x2={f.xMm + f.maxWidthMm} y2={f.yMm + 0.8} stroke="#bbb" strokeWidth={0.3} />
            <text x={f.xMm - 6} y={f.yMm} fontSize={3} fill="#999">
              {f.item}.
            </text>
            <text data-testid={`preview-field-${f.item}`} data-x={x(f.xMm).toFixed(1)} data-y={y(f.yMm).toFixed(1)} x={x(f.xMm)} y={y(f.yMm)} fontSize={(f.fontSizePt * 0.3528 * 0.75).toFixed(2)} fill="#c00" textLength={undefined}>
              {f.sample.length > 60 ? `${f.sample.slice(0, 60)}…` : f.sample}
            </text>
          </g>
        ))}
        {layout.qr && <rect x={x(layout.qr.xMm)} y={y(layout.qr.yMm)} width={layout.qr.sizeMm * d.scale} height={layout.qr.sizeMm * d.scale} fill="none" stroke="#c00" strokeWidth={0.4} strokeDasharray="2 2" />}
      </svg>
      <p className="hint">{t('tech.previewLegend')}</p>
    </figure>
  );
}
