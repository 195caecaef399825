/**
 * A complete addendum input with a real signed QR, for tests, the bench and technicians' test prints
 * (a test print never takes a blank number, seed 000 §9: the sample's blank is a fixed specimen number).
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import type { CPermit } from '../../shared/documents/c-permit.ts';
import { findCheckpoint } from '../../shared/reference/checkpoints.ts';
import { encodeAddendumQr } from '../../shared/qr/addendum-qr.ts';
import { signDeskCertificate } from '../../shared/qr/desk-certificate.ts';
import type { AddendumPdfInput } from './addendum-pdf.ts';

/** Fixed demo keys: a specimen must verify, and must never verify against the real centre keys. */
export const SAMPLE_CENTRE_SECRET = new Uint8Array(32).fill(0x5a);
export const SAMPLE_CENTRE_KEYS = { 'DEMO-C1': ed25519.getPublicKey(SAMPLE_CENTRE_SECRET) };
const DESK_SECRET = new Uint8Array(32).fill(0xa5);

export const SAMPLE_PERMIT: CPermit = {
  id: 'A26-000123',
  kind: 'c-permit',
  applicationNumber: 'A26-000123',
  addendumNumber: 'D26-000123',
  blankNumber: '',
  permitYear: 2026,
  status: 'paid',
  bookingNumber: 'B-0004512',
  exitCheckpointId: 'nur-zholy',
  entryCheckpointName: 'Қорғас',
  plannedCrossingDate: '2026-11-20',
  validFrom: '2026-11-20',
  validTo: '2026-12-19',
  carrier: {
    binIin: '060540012345',
    nameKk: '«Әңгүр Қөлік Һаб Ұлттық Өңір» ЖШС',
    nameRu: 'ТОО «Ангур Колик Хаб Улттык Онир»',
    addressKk: 'Алматы қ., Әуезов ауданы, Жандосов көшесі, 58-үй, 12-кеңсе',
    addressRu: 'г. Алматы, Ауэзовский район, ул. Жандосова, д. 58, офис 12',
  },
  vehicle: { model: 'DAF XF 480 FT', plate: '123 АВС 02', loadCapacityKg: 20000, seats: 2 },
  trailer: { model: 'Schmitz Cargobull SKO 24', plate: '45 ВСА 02', loadCapacityKg: 24000 },
  permitCardNumber: 'KZ-000123',
  permitCardPlates: ['123 АВС 02', '45 ВСА 02'],
  directionFrom: 'Алматы',
  directionTo: 'Үрімші',
  destinationCountries: ['CN'],
  goodsName: 'Бидай ұны, 50 кг қаптарда (ТН СЭҚ 1101 00)',
  goodsWeightKg: 19850,
  loadingPlace: 'Алматы облысы, Қаскелең қ.',
  unloadingPlace: 'ҚХР, Үрімші қ., Синьцзян логистика орталығы',
  updatedAt: 1,
};

export const SAMPLE_ISSUED_AT = Date.parse('2026-11-20T10:42:00+05:00');

export function sampleAddendumInput(overrides: Partial<AddendumPdfInput> = {}): AddendumPdfInput {
  const checkpoint = findCheckpoint('nur-zholy')!;
  const certificate = signDeskCertificate(SAMPLE_CENTRE_SECRET, 'DEMO-C1', {
    keyId: 'DK-NZ-01',
    deskId: 'nur-zholy-1',
    checkpointId: 'nur-zholy',
    publicKey: ed25519.getPublicKey(DESK_SECRET),
    validFrom: '2026-01-01',
    validTo: '2027-12-31',
  });
  const blankNumber = overrides.blankNumber ?? 'C0012345';
  const qrText = encodeAddendumQr(
    {
      addendumId: '01KAC5Z3M8Q9W2X4Y6Z8A0B1C2',
      applicationNumber: SAMPLE_PERMIT.applicationNumber,
      blankNumber,
      permitType: 'C',
      plate: SAMPLE_PERMIT.vehicle.plate,
      carrierBinIin: SAMPLE_PERMIT.carrier.binIin,
      issueDate: '2026-11-20',
      checkpointId: 'nur-zholy',
      keyId: 'DK-NZ-01',
    },
    { secretKey: DESK_SECRET, certificate },
  );
  return { permit: SAMPLE_PERMIT, blankNumber, issuedAt: SAMPLE_ISSUED_AT, checkpoint, qrText, officerName: 'Серікұлы Ә. Қ.', ...overrides };
}
