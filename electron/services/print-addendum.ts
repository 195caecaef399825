/**
 * Prints an issued addendum: signs its QR with the desk key, renders the A4 PDF (seed 000 Annex 3) and
 * hands it to the desk's document printer (document-printer.ts). The carrier's thermal slip
 * carries the same signed QR.
 */
import type { PrintAddendumRequest, PrintResult } from '../../shared/bridge/bridge.ts';
import { encodeAddendumQr } from '../../shared/qr/addendum-qr.ts';
import { findCheckpoint, isCheckpointId, type Checkpoint } from '../../shared/reference/checkpoints.ts';
import { kzDate } from '../../shared/rules/local-date.ts';
import { ADDENDUM_ITEMS } from '../../printers/pdf/addendum-labels.ts';
import { renderAddendumPdf } from '../../printers/pdf/addendum-pdf.ts';
import { addendumValues } from '../../printers/pdf/addendum-values.ts';
import { renderAddendumOverlayPdf } from '../../printers/pdf/overlay-pdf.ts';
import type { OverlayProfile } from '../../printers/pdf/overlay-profile.ts';
import type { PrinterProfile } from '../../printers/thermal/printer-profile.ts';
import { printSlip } from '../../printers/thermal/slip.ts';
import type { DeskKey } from './desk-key.ts';
import { sendToDocumentPrinter } from './document-printer.ts';

export type AddendumPrinterOptions = {
  checkpointId: string;
  /** The current desk key; a getter because the centre may certify it after launch. */
  deskKey: () => DeskKey | null;
  documentPrinter: string;
  /** Print only the values at these calibrated positions, onto a pre-printed Annex 3 form. */
  overlayProfile?: OverlayProfile;
};

type Signed = { ok: true; qrText: string; checkpoint: Checkpoint; issuedAtMs: number } | Extract<PrintResult, { ok: false }>;

function signQr(opts: Pick<AddendumPrinterOptions, 'checkpointId' | 'deskKey'>, request: PrintAddendumRequest): Signed {
  const key = opts.deskKey();
  if (!key?.certificate) return { ok: false, error: 'not-enrolled', message: 'the centre has not certified this desk’s signing key yet; connect to the centre once' };
  const checkpoint = findCheckpoint(opts.checkpointId);
  if (!checkpoint || !isCheckpointId(opts.checkpointId)) return { ok: false, error: 'bad-request', message: `unknown checkpoint ${opts.checkpointId}` };
  const issuedAtMs = Date.parse(request.issuedAt);
  const { permit } = request;
  const qrText = encodeAddendumQr(
    {
      addendumId: request.addendumId,
      applicationNumber: permit.applicationNumber,
      blankNumber: request.blankNumber,
      permitType: 'C',
      plate: permit.vehicle.plate,
      carrierBinIin: permit.carrier.binIin,
      issueDate: kzDate(issuedAtMs),
      checkpointId: opts.checkpointId,
      keyId: key.certificate.keyId,
    },
    { secretKey: key.secretKey, certificate: key.certificate },
  );
  return { ok: true, qrText, checkpoint, issuedAtMs };
}

function overlayValues(request: PrintAddendumRequest, qrText: string) {
  const values = addendumValues(request.permit, request.blankNumber);
  return { ...Object.fromEntries(ADDENDUM_ITEMS.map((item) => [item, values[item].kk])), qrText };
}

export function createAddendumPrinter(opts: AddendumPrinterOptions): (request: PrintAddendumRequest) => Promise<PrintResult> {
  return async (request) => {
    const signed = signQr(opts, request);
    if (!signed.ok) return signed;
    const { permit } = request;
    const pdf = opts.overlayProfile
      ? await renderAddendumOverlayPdf(overlayValues(request, signed.qrText), opts.overlayProfile)
      : await renderAddendumPdf({ permit, blankNumber: request.blankNumber, issuedAt: signed.issuedAtMs, checkpoint: signed.checkpoint, qrText: signed.qrText, officerName: request.officerName });
    return sendToDocumentPrinter(opts.documentPrinter, `addendum-${request.blankNumber}-${permit.applicationNumber}`, pdf);
  };
}

export function createSlipPrinter(opts: Pick<AddendumPrinterOptions, 'checkpointId' | 'deskKey'> & { profile: PrinterProfile }): (request: PrintAddendumRequest) => Promise<PrintResult> {
  return async (request) => {
    const signed = signQr(opts, request);
    if (!signed.ok) return signed;
    const { permit } = request;
    // Printed in the desk's own time zone, as the addendum is.
    const local = new Date(signed.issuedAtMs + 5 * 3_600_000).toISOString().slice(0, 19);
    return printSlip(
      {
        title: 'Шетелдік рұқсат бланкісіне қосымша',
        carrierName: permit.carrier.nameKk,
        applicationNumber: permit.applicationNumber,
        addendumNumber: permit.addendumNumber,
        blankNumber: request.blankNumber,
        plate: permit.vehicle.plate,
        issuedAt: `${local}+05:00`,
        checkpointName: signed.checkpoint.nameKk,
        officerName: request.officerName,
        qrText: signed.qrText,
        language: 'kk',
      },
      opts.profile,
    );
  };
}
