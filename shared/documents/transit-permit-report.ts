import type { ReportDoc } from '../reports/report-doc.ts';
import { findCheckpoint } from '../reference/checkpoints.ts';
import type { TransitPassagePermit } from './transit-passage-permit.ts';

const GROUND = {
  'unregistered-vehicle': { kk: 'Тіркеу белгісі жоқ транзиттік көлік (47-т.)', ru: 'Транзитное ТС без регистрационного знака (п.47)' },
  'no-balanced-exchange': { kk: 'Бланк алмасуы теңгерілмеген мемлекеттің көлігі (48-т. 1-б.)', ru: 'ТС государства без сбалансированного обмена бланками (п.48 ч.1)' },
  'sale-by-agreement': { kk: 'Келісім рұқсат сатуды көздейді (48-т. 2-3-б.)', ru: 'Соглашение предусматривает продажу разрешений (п.48 ч.2-3)' },
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
    { label: { kk: 'Алым төлеу құжаты', ru: 'Документ об уплате сбора' }, value: `№ ${p.fee.documentNumber}, ${p.fee.date}, ${p.fee.amountKzt.toLocaleString('ru-RU')} KZT` },
    { label: { kk: 'Алым мөлшерлемесі', ru: 'Ставка сбора' }, value: extra.rateSource },
  ];
  return {
    kind: 'transit-passage-permit',
    title: { kk: 'Транзиттік жол жүруге арналған рұқсат', ru: 'Разрешение на транзитный проезд' },
    meta,
    tables: [],
    signatures: [
      { role: { kk: 'Рұқсат берген лауазымды адам', ru: 'Должностное лицо, выдавшее разрешение' }, name: extra.officerName },
      { role: { kk: 'Рұқсатты алғаны туралы тасымалдаушының қолы', ru: 'Подпись перевозчика о получении разрешения' }, name: '' },
    ],
    generatedAt: extra.generatedAt,
    ...(p.ground === 'unregistered-vehicle' ? { warning: { kk: 'Үшінші елдердің жүгі мен жолаушыларын тасымалдауға болмайды (47-т.)', ru: 'Перевозка грузов и пассажиров третьих стран запрещена (п.47)' } } : {}),
  };
}
