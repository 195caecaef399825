/**
 * The printed wording of the addendum, as data. Kazakh labels are copied letter for letter from seed 000
 * (the Rules of the C-permit pilot), Annex 3 "Нысан" (shared/seeds/000_6d71af7e78723753.txt, the
 * block after "3-қосымша"; English in shared/domain/000_001.md, A.8.2). The law has no Russian text in
 * our seeds, so the Russian lines are our translation, printed smaller under the Kazakh.
 */

export type AddendumItem = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13;
export const ADDENDUM_ITEMS: readonly AddendumItem[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13];

export type ItemLabel = { kk: string; ru: string };

/** Annex 3 header: whose annex the form is. */
export const ANNEX_HEADER: ItemLabel = {
  kk:
    '"Қазақстан Республикасы ратификациялаған халықаралық шарттарға сәйкес Қазақстан Республикасының ' +
    'тасымалдаушыларына шет мемлекеттің аумағы бойынша жол жүруге рұқсат беру" электрондық мемлекеттік ' +
    'қызметін көрсету жөніндегі пилоттық жобаны іске асыру қағидаларына 3-қосымша',
  ru:
    'Приложение 3 к Правилам реализации пилотного проекта по оказанию электронной государственной услуги ' +
    '«Выдача перевозчикам Республики Казахстан разрешений на проезд по территории иностранного государства ' +
    'в соответствии с международными договорами, ратифицированными Республикой Казахстан»',
};

export const FORM_WORD: ItemLabel = { kk: 'Нысан', ru: 'Форма' };

export const TITLE: ItemLabel = {
  kk: 'Жүктерді тасымалдауға арналған шетелдік рұқсат бланкісіне қосымша',
  ru: 'Приложение к бланку иностранного разрешения на перевозку грузов',
};

/** The 13 items; the Kazakh is the text before each item's blank line (colons as the seed has them). */
export const ITEM_LABELS: Readonly<Record<AddendumItem, ItemLabel>> = {
  1: { kk: 'Тасымалдаушының атауы', ru: 'Наименование перевозчика' },
  2: { kk: 'Тасымалдаушының мекенжайы', ru: 'Адрес перевозчика' },
  3: {
    kk: 'Автокөлік құралының моделі, жүк көтергіштігі, отыратын орны және мемлекеттік нөмірлік белгісі',
    ru: 'Модель, грузоподъёмность, число посадочных мест и государственный регистрационный номерной знак автотранспортного средства',
  },
  4: { kk: 'Мемлекеттік шекараны кесіп өтудің жоспарланған күні:', ru: 'Планируемая дата пересечения Государственной границы:' },
  5: { kk: 'Жарамдылық мерзімі:', ru: 'Срок действия:' },
  6: { kk: 'Қозғалыс бағыты:', ru: 'Направление движения:' },
  7: { kk: 'Шекаралық өткізу пунктінің атауы:', ru: 'Наименование пункта пропуска через границу:' },
  8: { kk: 'Жүктердің атауы', ru: 'Наименование грузов' },
  9: { kk: 'Жүк салмағы', ru: 'Вес груза' },
  10: { kk: 'Жүктерді тиеу орны', ru: 'Место погрузки грузов' },
  11: { kk: 'Жүктерді түсіру орны', ru: 'Место разгрузки грузов' },
  12: { kk: 'Өзгелері', ru: 'Прочее' },
  13: { kk: 'Шетелдік рұқсат бланкісінің нөмірі', ru: 'Номер бланка иностранного разрешения' },
};

/**
 * The form's own connecting words inside items 5, 6 and 7 ("20__ж. ___ бастап 20__ж. ___ дейін",
 * "___ бастап ___ дейін", "шығу ___ кіру"); the values are printed between them.
 */
export const CONNECTORS = {
  yearSuffix: { kk: 'ж.', ru: 'г.' },
  from: { kk: 'бастап', ru: 'с' },
  to: { kk: 'дейін', ru: 'по' },
  exit: { kk: 'шығу', ru: 'выезд' },
  entry: { kk: 'кіру', ru: 'въезд' },
} as const;

/** The issuing block under the items: Rules §13 (date, officer, seal and signature), plus our QR. */
export const ISSUE_LABELS = {
  issuedAt: { kk: 'Берілген күні', ru: 'Дата выдачи' },
  checkpoint: { kk: 'Өткізу пункті', ru: 'Пункт пропуска' },
  application: { kk: 'Өтініш нөмірі', ru: 'Номер заявления' },
  addendum: { kk: 'Қосымша нөмірі', ru: 'Номер приложения' },
  officer: { kk: 'Лауазымды тұлға', ru: 'Должностное лицо' },
  signature: { kk: 'қолы', ru: 'подпись' },
  seal: { kk: 'М.О.', ru: 'М.П.' },
  qr: { kk: 'Түпнұсқалығын тексеру коды', ru: 'Код проверки подлинности' },
} as const satisfies Record<string, ItemLabel>;

export const MONTHS_KK = ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'] as const;
export const MONTHS_RU_GENITIVE = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'] as const;
