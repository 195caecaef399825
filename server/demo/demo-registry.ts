import type { RegistryPresented } from '../../shared/documents/registry-document.ts';
import { toRegistryDocument, type RegistryDocument } from '../../shared/documents/registry-document.ts';
import { addDays } from '../../shared/rules/local-date.ts';

const at = (day: string, hhmm: string) => `${day}T${hhmm}:00.000+05:00`;

/**
 * The demo's registry of other documents, one or more of each situation an officer meets, relative to
 * `today` (the desk's e2e tests scan these numbers):
 * - KZ000101: a bilateral domestic permit of an Uzbek carrier, unused: entry, then exit;
 * - KZ000104: the same for a Kyrgyz carrier (the Russian end-to-end run);
 * - KZ000102: marked on entry 40 days ago: exit refused, the 30-day deadline passed (p.50);
 * - KZ000103: annulled;
 * - CN2026C00017: a China "C" goods permit, unused;
 * - EP-2026-0001: export permit for 7308905100 to Kyrgyzstan, 1000 kg of which 400 written off;
 * - EP-2026-0003: the same again (the Kazakh run);
 * - EP-2026-0002: the same, terminated (R p.15);
 * - LIC-2026-0077: a one-time export licence;
 * - NS-000451: a navigation-seal escort decided 2 hours ago, seal not yet applied;
 * - NS-000452: an escort whose seal was applied at departure, to be removed here;
 * - NS-000453, NS-000454: the same two situations again (the Russian run); CN2026C00018: another C permit;
 * - TP-2026-0005: a transit-passage permit sold at Nur Zholy this morning.
 */
export function demoRegistry(today: string): RegistryDocument[] {
  const year = Number(today.slice(0, 4));
  const docs: [string, RegistryPresented][] = [
    ['dom-KZ000101', { kind: 'kz-domestic-permit', category: 'bilateral', series: 'KZ', number: '000101', year, issuingCountry: 'UZ', status: 'valid', carrierName: 'Toshkent Trans Logistic', vehiclePlate: '01A123BC', trailerPlate: '01XA4567', route: 'Ташкент — Жібек Жолы — Алматы', marks: [] }],
    ['dom-KZ000104', { kind: 'kz-domestic-permit', category: 'bilateral', series: 'KZ', number: '000104', year, issuingCountry: 'KG', status: 'valid', carrierName: 'Ош Карго', vehiclePlate: '02KG123ABC', trailerPlate: '02KG456ABC', route: 'Ош — Қордай — Алматы', marks: [] }],
    ['dom-KZ000102', { kind: 'kz-domestic-permit', category: 'bilateral', series: 'KZ', number: '000102', year, issuingCountry: 'KG', status: 'valid', carrierName: 'Бишкек Авто Транс', vehiclePlate: '01KG777ABC', trailerPlate: null, route: 'Бишкек — Қордай — Алматы', marks: [{ type: 'entry', checkpointId: 'nur-zholy', at: at(addDays(today, -40), '10:00'), exitDeadline: addDays(today, -10) }] }],
    ['dom-KZ000103', { kind: 'kz-domestic-permit', category: 'transit', series: 'KZ', number: '000103', year, issuingCountry: 'TJ', status: 'annulled', carrierName: 'Душанбе Карвон', vehiclePlate: '1234AA01', trailerPlate: null, route: 'Душанбе — Алматы — Қорғас', marks: [] }],
    ['cn-CN2026C00017', { kind: 'cn-permit', permitType: 'C', number: 'CN2026C00017', year, status: 'valid', carrierName: 'Xinjiang Silk Road Freight', vehiclePlate: '新F12345', trailerPlate: null, marks: [] }],
    ['ep-EP-2026-0001', exportPermit('EP-2026-0001', today, 'active', [{ declarationNumber: '55301/011126/0001234', quantity: 400, at: at(addDays(today, -5), '12:00') }])],
    ['ep-EP-2026-0003', exportPermit('EP-2026-0003', today, 'active', [{ declarationNumber: '55301/011126/0001235', quantity: 400, at: at(addDays(today, -5), '12:00') }])],
    ['ep-EP-2026-0002', exportPermit('EP-2026-0002', today, 'terminated', [])],
    ['lic-LIC-2026-0077', { kind: 'licence-004', direction: 'export', isOneTime: true, number: 'LIC-2026-0077', validFrom: `${year}-01-15`, validTo: `${year + 1}-01-14`, contract: { number: 'K-77', date: `${year}-01-10` }, applicant: { name: 'Алтын Өнім ЖШС', binIin: '120540012345' }, buyer: 'Bishkek Gold LLC', destinationCountry: 'KG', buyerCountry: 'KG', currency: 'USD', value: 250000, statisticalValue: 250000, originCountry: 'KZ', quantity: 20, unit: 'kg', hsCode: '7108120009', goodsDescription: 'Алтын / Золото', additionalInfo: '', signedAt: `${year}-01-15`, status: 'active', writeOffs: [], basis: 'Seed 004 LR' }],
    ['seal-NS-000451', { kind: 'seal-escort', sealNumber: 'NS-000451', transitDeclarationNumber: '55301/' + today.replaceAll('-', '').slice(2) + '/0009876', vehiclePlate: '01A123BC', departureCustoms: 'Жібек Жолы КБП', destinationCustoms: 'Қорғас КБП', decisionAt: new Date(Date.parse(at(today, '00:00')) - 2 * 3_600_000).toISOString(), organisedAt: null, activatedAt: null, deactivatedAt: null, isSealIntact: true, incidents: [] }],
    ['seal-NS-000452', { kind: 'seal-escort', sealNumber: 'NS-000452', transitDeclarationNumber: '55301/' + today.replaceAll('-', '').slice(2) + '/0009877', vehiclePlate: '777ABC02', departureCustoms: 'Қорғас КБП', destinationCustoms: 'Жібек Жолы КБП', decisionAt: at(addDays(today, -1), '08:00'), organisedAt: at(addDays(today, -1), '09:00'), activatedAt: at(addDays(today, -1), '09:30'), deactivatedAt: null, isSealIntact: true, incidents: [] }],
    ['seal-NS-000453', { kind: 'seal-escort', sealNumber: 'NS-000453', transitDeclarationNumber: '55301/' + today.replaceAll('-', '').slice(2) + '/0009878', vehiclePlate: '02KG123ABC', departureCustoms: 'Жібек Жолы КБП', destinationCustoms: 'Қорғас КБП', decisionAt: new Date(Date.parse(at(today, '00:00')) - 2 * 3_600_000).toISOString(), organisedAt: null, activatedAt: null, deactivatedAt: null, isSealIntact: true, incidents: [] }],
    ['seal-NS-000454', { kind: 'seal-escort', sealNumber: 'NS-000454', transitDeclarationNumber: '55301/' + today.replaceAll('-', '').slice(2) + '/0009879', vehiclePlate: '888ABC02', departureCustoms: 'Қорғас КБП', destinationCustoms: 'Жібек Жолы КБП', decisionAt: at(addDays(today, -1), '08:00'), organisedAt: at(addDays(today, -1), '09:00'), activatedAt: at(addDays(today, -1), '09:30'), deactivatedAt: null, isSealIntact: true, incidents: [] }],
    ['cn-CN2026C00018', { kind: 'cn-permit', permitType: 'C', number: 'CN2026C00018', year, status: 'valid', carrierName: 'Kashgar Freight', vehiclePlate: '新F54321', trailerPlate: null, marks: [] }],
    ['tp-TP-2026-0005', { kind: 'kz-transit-passage', ground: 'no-balanced-exchange', number: 'TP-2026-0005', checkpointId: 'nur-zholy', issuedAt: at(today, '07:30'), validTo: addDays(today, 10), carrierName: 'Kabul Transit Co', carrierCountry: 'AF', vehiclePlate: 'KBL4455', fee: { documentNumber: 'ПП-88231', date: today, amountKzt: 58_980 }, carrierSigned: true }],
  ];
  return docs.map(([id, d]) => toRegistryDocument(id, d));
}

function exportPermit(number: string, today: string, status: 'active' | 'terminated', writeOffs: { declarationNumber: string; quantity: number; at: string }[]): RegistryPresented {
  const year = Number(today.slice(0, 4));
  return {
    kind: 'export-permit-003',
    number,
    validFrom: `${year}-01-01`,
    validTo: `${year}-12-31`,
    contract: { number: 'EXP-' + number.slice(-4), date: `${year}-01-05` },
    applicant: { name: 'Құрылыс Металл ЖШС', binIin: '990140001234' },
    buyer: 'Osh Stroy LLC',
    destinationCountry: 'KG',
    buyerCountry: 'KG',
    currency: 'USD',
    value: 48000,
    statisticalValue: 48000,
    originCountry: 'CN',
    quantity: 1000,
    unit: 'kg',
    hsCode: '7308905100',
    goodsDescription: 'Сэндвич-панельдер / Сэндвич-панели',
    additionalInfo: '',
    signedAt: `${year}-01-03`,
    status,
    writeOffs,
    checkpointId: null,
    authorisedPerson: { name: 'Ахметов Б.', position: 'директор', phone: '+7 701 000 0000' },
  };
}
