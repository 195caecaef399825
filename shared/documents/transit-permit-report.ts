import type { ReportDoc } from '../reports/report-doc.ts';
import { findCheckpoint } from '../reference/checkpoints.ts';
import type { TransitPassagePermit } from './transit-passage-permit.ts';

const GROUND = {
  'unregistered-vehicle': { kk: 'Өз мемлекетінің тіркеу және айырым белгісі жоқ транзиттік көлік (47-т.)', ru: 'Транзитное ТС без регистрационного и отличительного знака своего государства (п.47)' },
  'no-balanced-exchange': { kk: 'Рұқсат бланкілерін тепе-тең айырбастау жүргізілмеген мемлекеттің көлігі (48-т. 1-б.)', ru: 'ТС государства без сбалансированного обмена бланками разрешений (п.48 ч.1)' },
  'sale-by-agreement': { kk: 'Келісімде рұқсат бланкілерін сату көзделген (48-т. 2-3-б.)', ru: 'Соглашение предусматривает продажу разрешений (п.48 ч.2-3)' },
} as const;

/**
 * The transit-passage permit sold at the checkpoint (seed 002 p.47-48) as a printable document, in
 * Kazakh and Russian: its number, ground and validity, the carrier and vehicle, the fee document
 * (p.52.13) and the rate it was charged at, and the lines for the officer's and the carrier's
 * signatures (p.52.14). Printed through the same A4 renderer as the reports.
 */
export function transitPermitReport(p: TransitPassagePermit, extra: { officerName: string; trailerPlate: string; route: string; rateSource: string; generatedAt: string }): ReportDoc {
  const cp = findCheckpoint(p.checkpointId);
  const meta: ReportDoc['meta'] = [
    { label: { kk: 'Нөмірі', ru: 'Номер' }, value: p.number },
    { label: { kk: 'Берілген күні', ru: 'Дата выдачи' }, value: p.issuedAt.slice(0, 10) },
    { label: { kk: 'Өткізу пункті', ru: 'Пункт пропуска' }, value: cp ? `${cp.nameKk} / ${cp.nameRu}` : p.checkpointId },
    { label: { kk: 'Қолданылу мерзімі', ru: 'Срок действия' }, value: `${p.issuedAt.slice(0, 10)} — ${p.validTo}` },
    { label: { kk: 'Беру негізі', ru: 'Основание выдачи' }, value: `${GROUND[p.ground].kk} / ${GROUND[p.ground].ru}` },
    { label: { kk: 'Шетел тасымалдаушысының атауы', ru: 'Наименование иностранного перевозчика' }, value: p.carrierName },
    { label: { kk: 'Тасымалдаушының елі', ru: 'Страна перевозчика' }, value: p.carrierCountry },
    { label: { kk: 'Автокөлік құралының нөмірі', ru: 'Номер транспортного средства' }, value: p.vehiclePlate },
    ...(extra.trailerPlate ? [{ label: { kk: 'Тіркемесінің нөмірі', ru: 'Номер прицепа' }, value: extra.trailerPlate }] : []),
    ...(extra.route ? [{ label: { kk: 'Қатынау маршруты', ru: 'Маршрут следования' }, value: extra.route }] : []),
    { label: { kk: 'Алымды төлегенін растайтын құжат', ru: 'Документ, подтверждающий уплату сбора' }, value: `№ ${p.fee.documentNumber}, ${p.fee.date}, ${p.fee.amountKzt.toLocaleString('ru-RU')} KZT` },
    { label: { kk: 'Алым мөлшерлемесі', ru: 'Ставка сбора' }, value: extra.rateSource },
  ];
  return {
    kind: 'transit-passage-permit',
    title: { kk: 'Транзиттік жол жүруге арналған рұқсат', ru: 'Разрешение на транзитный проезд' },
    meta,
    tables: [],
    signatures: [
      { role: { kk: 'Рұқсат берген лауазымды адам', ru: 'Должностное лицо, выдавшее разрешение' }, name: extra.officerName },
      { role: { kk: 'Рұқсат құжатын алу туралы тасымалдаушының қолы', ru: 'Подпись перевозчика о получении разрешения' }, name: '' },
    ],
    generatedAt: extra.generatedAt,
    ...(p.ground === 'unregistered-vehicle' ? { warning: { kk: 'Қазақстан Республикасының аумағынан (аумағына) үшінші елдерге (елдерден) жүк немесе жолаушылар тасымалдауға жол берілмейді (47-т.)', ru: 'Перевозка грузов или пассажиров с территории (на территорию) Республики Казахстан в третьи страны (из третьих стран) не допускается (п.47)' } } : {}),
  };
}
