/** The ledger's blank states as printed on reports: paper carries no code words. */
import type { BlankState } from '../blanks/ledger.ts';
import type { Bilingual } from './report-doc.ts';

export const BLANK_STATE_WORDS: Record<BlankState, Bilingual> = {
  allocated: { kk: 'жолда', ru: 'в пути' },
  'at-checkpoint': { kk: 'пункт қоймасында', ru: 'на складе пункта' },
  'at-desk': { kk: 'жұмыс орнында', ru: 'на рабочем месте' },
  reserved: { kk: 'беру басталған', ru: 'выдача начата' },
  issued: { kk: 'берілген', ru: 'выдан' },
  redeemed: { kk: 'өтелген', ru: 'погашен' },
  returned: { kk: 'қайтарылған', ru: 'возвращён' },
  lost: { kk: 'жоғалған', ru: 'утерян' },
  annulled: { kk: 'күші жойылған', ru: 'аннулирован' },
  spoiled: { kk: 'бүлінген', ru: 'испорчен' },
};

/** A number the ledger has never heard of. */
export const NOT_IN_LEDGER: Bilingual = { kk: 'есепте жоқ', ru: 'нет в учёте' };
