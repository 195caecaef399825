import type { CPermit } from '../../shared/documents/c-permit.ts';
import type { Crossing } from '../../shared/documents/crossing.ts';
import type { FeeRateTable } from '../../shared/documents/fee-rates.ts';
import { CHECKPOINT_IDS } from '../../shared/reference/checkpoints.ts';
import { addDays, kzDate } from '../../shared/rules/local-date.ts';
import type { Db } from '../db/db.ts';
import { blankEventDocBase, blankEventDocSchema, type BlankEventDoc } from '../../shared/documents/blank-event.ts';
import { insertAppendOnly, insertCrossings, insertFeeRateTables, insertPermits, insertRegistryDocuments, insertUsers } from '../sync/store.ts';
import { demoUsers } from './demo-users.ts';
import { currentCentreKey } from '../keys/centre-keys.ts';
import { demoRegistry } from './demo-registry.ts';

/** mulberry32: a small seeded PRNG, so the demo is the same on every machine for a given day. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CARRIERS_KK = ['Қазақ Көлік Логистика', 'Жетісу Транзит', 'Алатау Жүк Тасымалы', 'Өркен Транс', 'Ұлы Жібек Жолы Карго', 'Іле Логистикс', 'Шығыс Күре Жол', 'Һалал Азық Тасымал', 'Көкжиек Авто', 'Әулие-Ата Транс'];
const CARRIERS_RU = ['Казак Колик Логистика', 'Жетысу Транзит', 'Алатау Жук Тасымалы', 'Оркен Транс', 'Улы Жибек Жолы Карго', 'Иле Логистикс', 'Шыгыс Куре Жол', 'Халал Азык Тасымал', 'Кокжиек Авто', 'Аулие-Ата Транс'];
const CITIES = [
  { kk: 'Алматы қ., Әуезов ауданы, Төле би к-сі', ru: 'г. Алматы, Ауэзовский район, ул. Толе би', region: '02' },
  { kk: 'Талдықорған қ., Қабанбай батыр к-сі', ru: 'г. Талдыкорган, ул. Кабанбай батыра', region: '19' },
  { kk: 'Астана қ., Есіл ауданы, Қабанбай батыр даңғылы', ru: 'г. Астана, район Есиль, пр. Кабанбай батыра', region: '01' },
  { kk: 'Шымкент қ., Әл-Фараби ауданы', ru: 'г. Шымкент, район Аль-Фараби', region: '17' },
  { kk: 'Өскемен қ., Ушанов к-сі', ru: 'г. Усть-Каменогорск, ул. Ушанова', region: '16' },
];
const MODELS = ['DAF XF 480', 'Volvo FH 500', 'Scania R450', 'MAN TGX 18.480', 'КамАЗ 5490', 'Shacman X3000', 'Howo T7H', 'Mercedes-Benz Actros'];
const TRAILERS = ['Schmitz Cargobull SKO', 'Krone SD', 'Kögel Cargo', 'Wielton NS3'];
const GOODS = ['Бидай / Пшеница', 'Күнбағыс майы / Подсолнечное масло', 'Құрылыс материалдары / Стройматериалы', 'Ұн / Мука', 'Мыс катодтары / Медные катоды', 'Жүксіз / Без груза'];
const ENTRY_POINTS = ['Алашанькоу', 'Хоргос', 'Дулата', 'Бакту', 'Мукаочи'];
const LETTERS = 'ABCDEFHKMOPTXY';

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/**
 * Permit i of the demo (1-based): application A26-iiiiii, addendum D26-iiiiii, a blank number for even i,
 * exit checkpoint cycling through the five (Dostyk-avto first), planned today − ((i−1) mod 10) days and
 * valid 30 days from then; annulled when i mod 50 = 49, expired when i mod 100 = 98, and already used
 * at another desk when i mod 20 = 19 (see seedDemo). A26-000001 is valid at Dostyk-avto today. Not parsed here (parsing is a third of the time of a 100k seed);
 * seed.test.ts parses every one with cPermitSchema.
 */
export function demoPermit(i: number, today: string): CPermit {
  const rnd = prng(i * 7919);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const c = Math.floor(rnd() * CARRIERS_KK.length);
  const city = pick(CITIES);
  const letters = () => Array.from({ length: 3 }, () => LETTERS[Math.floor(rnd() * LETTERS.length)]).join('');
  const plate = `${pad(Math.floor(rnd() * 999) + 1, 3)}${letters()}${city.region}`;
  const hasTrailer = rnd() < 0.7;
  const trailerPlate = `${pad(Math.floor(rnd() * 99) + 1, 2)}${letters()}${city.region}`;
  const planned = addDays(today, -((i - 1) % 10));
  const isExpired = i % 100 === 98;
  const checkpoint = CHECKPOINT_IDS[(i - 1) % CHECKPOINT_IDS.length]!;
  return {
    id: `A26-${pad(i, 6)}`,
    kind: 'c-permit',
    applicationNumber: `A26-${pad(i, 6)}`,
    addendumNumber: `D26-${pad(i, 6)}`,
    blankNumber: i % 2 === 0 ? `C${pad(i, 7)}` : '',
    permitYear: 2026,
    status: i % 50 === 49 ? 'annulled' : 'paid',
    bookingNumber: `B26-${pad(i, 6)}`,
    exitCheckpointId: checkpoint,
    entryCheckpointName: ENTRY_POINTS[CHECKPOINT_IDS.indexOf(checkpoint)]!,
    plannedCrossingDate: isExpired ? addDays(today, -45) : planned,
    validFrom: isExpired ? addDays(today, -45) : planned,
    validTo: isExpired ? addDays(today, -15) : addDays(planned, 30),
    carrier: {
      binIin: `${pad(Math.floor(rnd() * 1e6), 6)}${pad(Math.floor(rnd() * 1e6), 6)}`,
      nameKk: `«${CARRIERS_KK[c]}» ЖШС`,
      nameRu: `ТОО «${CARRIERS_RU[c]}»`,
      addressKk: city.kk,
      addressRu: city.ru,
    },
    vehicle: { model: pick(MODELS), plate, loadCapacityKg: 18000 + Math.floor(rnd() * 8) * 1000, seats: 2 },
    trailer: hasTrailer ? { model: pick(TRAILERS), plate: trailerPlate, loadCapacityKg: 22000 + Math.floor(rnd() * 6) * 1000 } : null,
    permitCardNumber: `KZ-PC-${pad(i, 6)}`,
    permitCardPlates: hasTrailer ? [plate, trailerPlate] : [plate],
    directionFrom: 'Қазақстан / Казахстан',
    directionTo: 'Қытай / Китай',
    destinationCountries: ['CN'],
    goodsName: pick(GOODS),
    goodsWeightKg: Math.floor(rnd() * 20) * 1000,
    loadingPlace: city.kk,
    unloadingPlace: 'Үрімші / Урумчи',
    updatedAt: 0,
  };
}

/** The crossing that used permit i at another desk, for the demo's "already used" cases. */
function demoUsedCrossing(permit: CPermit, i: number, today: string, nowMs: number): Crossing {
  const at = `${addDays(today, -1)}T10:${pad(i % 60, 2)}:00.000+05:00`;
  return {
    id: `01DEMO${pad(i, 20)}`.replace(/[ILOU]/g, '0'),
    permitId: permit.id,
    documentNumber: permit.applicationNumber,
    direction: 'exit',
    checkpointId: permit.exitCheckpointId,
    deskId: `${permit.exitCheckpointId}-2`,
    officerName: 'Бекұлы Н.',
    plate: permit.vehicle.plate,
    occurredAt: at,
    hlc: `${pad(Date.parse(at), 13)}-00000-${permit.exitCheckpointId}-2`,
    receivedAt: nowMs,
  };
}

/** Blank stock of the demo: the series the centre allocated to each pilot checkpoint. */
export const DEMO_STOCK = { series: 'C', perCheckpoint: 1000, perDesk: 100, desksPerCheckpoint: 2, firstNumber: 100_001, consignmentFirst: 200_001, consignment: 500 } as const;

/**
 * Each checkpoint receives 1,000 blanks (Dostyk-avto C0100001-C0101000, the next checkpoint the next
 * thousand, …) and hands 100 to each of its desks -1 and -2: the stacks the desks issue from. A second
 * consignment of 500 (Dostyk-avto C0200001-C0200500, …) is allocated and in transit: the supervisor
 * station confirms it on arrival.
 */
function demoStockEvents(nowMs: number): BlankEventDoc[] {
  const events: BlankEventDoc[] = [];
  const at = new Date(nowMs).toISOString();
  let k = 0;
  const meta = (checkpointId: (typeof CHECKPOINT_IDS)[number]) => {
    k++;
    const ms = Date.parse(at) + k;
    return blankEventDocBase({ id: `01DEMS${pad(k, 20)}`, hlc: `${pad(ms, 13)}-00000-centre`, by: 'Орталық / Центр', checkpointId, authorDeskId: '', occurredAt: at });
  };
  CHECKPOINT_IDS.forEach((checkpointId, c) => {
    const from = DEMO_STOCK.firstNumber + c * DEMO_STOCK.perCheckpoint;
    events.push({ ...meta(checkpointId), type: 'received', rangeSeries: DEMO_STOCK.series, rangeFrom: from, rangeTo: from + DEMO_STOCK.perCheckpoint - 1, receivedAt: nowMs });
    const next = DEMO_STOCK.consignmentFirst + c * DEMO_STOCK.perCheckpoint;
    events.push({ ...meta(checkpointId), type: 'allocated', rangeSeries: DEMO_STOCK.series, rangeFrom: next, rangeTo: next + DEMO_STOCK.consignment - 1, receivedAt: nowMs });
    for (let d = 0; d < DEMO_STOCK.desksPerCheckpoint; d++) {
      const deskFrom = from + d * DEMO_STOCK.perDesk;
      events.push({ ...meta(checkpointId), type: 'handed-to-desk', rangeSeries: DEMO_STOCK.series, rangeFrom: deskFrom, rangeTo: deskFrom + DEMO_STOCK.perDesk - 1, deskId: `${checkpointId}-${d + 1}`, receivedAt: nowMs });
    }
  });
  return events.map((e) => blankEventDocSchema.parse(e));
}

/**
 * The demo's transit-passage fee table, in force from 1 January of `today`'s year: made-up rates so the
 * desk can sell a permit in the demo, not the Tax Code's (the centre's administrator replaces it).
 * Not parsed here; seed.test.ts parses it with feeRateTableSchema.
 */
export function demoFeeRateTables(today: string): FeeRateTable[] {
  return [
    {
      id: 'demo-transit-fees',
      validFrom: `${today.slice(0, 4)}-01-01`,
      source: 'DEMO — not the Tax Code rates; the centre administrator replaces this table',
      validDays: 10,
      rates: [
        { ground: 'unregistered-vehicle', vehicleClass: 'goods', mci: 15 },
        { ground: 'unregistered-vehicle', vehicleClass: 'passenger', mci: 10 },
        { ground: 'no-balanced-exchange', vehicleClass: 'goods', mci: 15 },
        { ground: 'no-balanced-exchange', vehicleClass: 'passenger', mci: 10 },
        { ground: 'sale-by-agreement', vehicleClass: 'goods', mci: 12 },
        { ground: 'sale-by-agreement', vehicleClass: 'passenger', mci: 8 },
      ],
    },
  ];
}

/**
 * Seeds the demo when the centre holds no permits: permits, the crossings that used some, blank stock,
 * the registry of other documents (demo-registry.ts), a demo fee table and the demo's people (demo-users.ts); returns how many permits were written.
 * Deterministic for a given `today`: even the centre's write stamps are that day's midnight at the
 * checkpoint, not the clock.
 */
export async function seedDemo(db: Db, opts: { permits?: number; today?: string } = {}): Promise<number> {
  const count = opts.permits ?? 1000;
  const today = opts.today ?? kzDate(Date.now());
  const nowMs = Date.parse(`${today}T00:00:00.000+05:00`);
  // The demo's people only on a demo (never with --demo-permits 0: their password is in the README),
  // and apart from the permits: a demo centre seeded before issue 9 has permits but nobody to log in.
  const [{ people }] = (await db.query<{ people: number }>('SELECT count(*)::int AS people FROM users')) as [{ people: number }];
  if (people === 0 && count > 0) {
    const users = await demoUsers(await currentCentreKey(db), nowMs);
    await db.transaction((tx) => insertUsers(tx, users));
  }
  const [{ n }] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM permits')) as [{ n: number }];
  if (n > 0 || count === 0) return 0;
  const CHUNK = 5000;
  await db.transaction(async (tx) => {
    for (let start = 1; start <= count; start += CHUNK) {
      const permits: CPermit[] = [];
      const used: Crossing[] = [];
      for (let i = start; i < Math.min(start + CHUNK, count + 1); i++) {
        const p = { ...demoPermit(i, today), updatedAt: nowMs };
        permits.push(p);
        if (i % 20 === 19) used.push(demoUsedCrossing(p, i, today, nowMs));
      }
      await insertPermits(tx, permits);
      await insertCrossings(tx, used);
    }
    await insertAppendOnly(tx, 'blankEvents', demoStockEvents(nowMs));
    await insertRegistryDocuments(tx, demoRegistry(today));
    await insertFeeRateTables(tx, demoFeeRateTables(today));
  });
  return count;
}
