/**
 * What goes after each Annex 3 label, from the replicated permit: the same values feed the full A4
 * addendum and the overlay onto a pre-printed blank, so the two can never disagree.
 */
import type { CPermit } from '../../shared/documents/c-permit.ts';
import { findCheckpoint } from '../../shared/reference/checkpoints.ts';
import { CONNECTORS, MONTHS_KK, MONTHS_RU_GENITIVE, type AddendumItem } from './addendum-labels.ts';

/** Kazakh value first; Russian only where it says something the Kazakh does not show a Russian reader. */
export type ItemValue = { kk: string; ru?: string };
export type AddendumValues = Record<AddendumItem, ItemValue>;

const NBSP = '\u00a0';

/** 20000 → "20 000" with no-break spaces, so a weight never wraps in the middle. */
export function formatNumber(n: number): string {
  const [whole, frac] = String(Math.round(n * 1000) / 1000).split('.');
  return whole!.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP) + (frac === undefined ? '' : `,${frac}`);
}

/** 2026-11-20 → 20.11.2026, as Kazakh and Russian forms write dates. */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}

function dateParts(iso: string): { y: string; m: number; d: number } {
  const [y, m, d] = iso.split('-');
  return { y: y!, m: Number(m) - 1, d: Number(d) };
}

/** Item 5 in the form's own words: "2026ж. 20 қараша бастап 2026ж. 20 желтоқсан дейін". */
function validity(from: string, to: string): ItemValue {
  const a = dateParts(from);
  const b = dateParts(to);
  const c = CONNECTORS;
  return {
    kk: `${a.y}${c.yearSuffix.kk} ${a.d}${NBSP}${MONTHS_KK[a.m]} ${c.from.kk} ${b.y}${c.yearSuffix.kk} ${b.d}${NBSP}${MONTHS_KK[b.m]} ${c.to.kk}`,
    ru: `${c.from.ru} ${a.d} ${MONTHS_RU_GENITIVE[a.m]} ${a.y} ${c.yearSuffix.ru} ${c.to.ru} ${b.d} ${MONTHS_RU_GENITIVE[b.m]} ${b.y} ${c.yearSuffix.ru}`,
  };
}

export function addendumValues(permit: CPermit, blankNumber: string): AddendumValues {
  const c = CONNECTORS;
  const { vehicle, trailer, carrier } = permit;
  const exit = findCheckpoint(permit.exitCheckpointId);
  const kg = (n: number) => `${formatNumber(n)}${NBSP}кг`;
  const otherKk = [`БСН/ЖСН: ${carrier.binIin}`, `брондау нөмірі: ${permit.bookingNumber}`];
  const otherRu = [`БИН/ИИН: ${carrier.binIin}`, `номер брони: ${permit.bookingNumber}`];
  if (trailer !== null) {
    otherKk.push(`тіркеме: ${trailer.model}, ${kg(trailer.loadCapacityKg)}, ${trailer.plate}`);
    otherRu.push(`прицеп: ${trailer.model}, ${kg(trailer.loadCapacityKg)}, ${trailer.plate}`);
  }
  return {
    1: { kk: carrier.nameKk, ru: carrier.nameRu },
    2: { kk: carrier.addressKk, ru: carrier.addressRu },
    3: {
      kk: `${vehicle.model}; ${kg(vehicle.loadCapacityKg)}; ${vehicle.seats}${NBSP}орын; ${vehicle.plate}`,
      ru: `${vehicle.model}; ${kg(vehicle.loadCapacityKg)}; мест: ${vehicle.seats}; ${vehicle.plate}`,
    },
    4: { kk: formatDate(permit.plannedCrossingDate) },
    5: validity(permit.validFrom, permit.validTo),
    6: {
      kk: `${permit.directionFrom} ${c.from.kk} ${permit.directionTo} ${c.to.kk}`,
      ru: `${permit.directionFrom} → ${permit.directionTo}`,
    },
    7: {
      kk: `${c.exit.kk}: ${exit?.nameKk ?? permit.exitCheckpointId}; ${c.entry.kk}: ${permit.entryCheckpointName}`,
      ru: `${c.exit.ru}: ${exit?.nameRu ?? permit.exitCheckpointId}; ${c.entry.ru}: ${permit.entryCheckpointName}`,
    },
    8: { kk: permit.goodsName || '—' },
    9: { kk: kg(permit.goodsWeightKg) },
    10: { kk: permit.loadingPlace || '—' },
    11: { kk: permit.unloadingPlace || '—' },
    12: { kk: otherKk.join('; '), ru: otherRu.join('; ') },
    13: { kk: blankNumber },
  };
}
