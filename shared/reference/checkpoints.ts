/**
 * The five Kazakhstan–China road checkpoints of the C-permit pilot (seed 000, Rules §3), in the order
 * the Rules list them. Ids are stable codes used in records and on paper.
 */
export type Checkpoint = {
  id: CheckpointId;
  nameKk: string;
  nameRu: string;
  nameEn: string;
  regionKk: string;
  regionRu: string;
  regionEn: string;
};

export const CHECKPOINT_IDS = ['dostyk-avto', 'nur-zholy', 'kolzhat', 'bakhty', 'maikapshagai'] as const;
export type CheckpointId = (typeof CHECKPOINT_IDS)[number];

export const PILOT_CHECKPOINTS: readonly Checkpoint[] = [
  { id: 'dostyk-avto', nameKk: 'Достық-авто', nameRu: 'Достык-авто', nameEn: 'Dostyk-avto', regionKk: 'Жетісу облысы', regionRu: 'область Жетісу', regionEn: 'Zhetisu region' },
  { id: 'nur-zholy', nameKk: 'Нұр Жолы', nameRu: 'Нур Жолы', nameEn: 'Nur Zholy', regionKk: 'Жетісу облысы', regionRu: 'область Жетісу', regionEn: 'Zhetisu region' },
  { id: 'kolzhat', nameKk: 'Көлжат', nameRu: 'Кольжат', nameEn: 'Kolzhat', regionKk: 'Алматы облысы', regionRu: 'Алматинская область', regionEn: 'Almaty region' },
  { id: 'bakhty', nameKk: 'Бақты', nameRu: 'Бахты', nameEn: 'Bakhty', regionKk: 'Абай облысы', regionRu: 'область Абай', regionEn: 'Abai region' },
  { id: 'maikapshagai', nameKk: 'Майқапшағай', nameRu: 'Майкапчагай', nameEn: 'Maikapshagai', regionKk: 'Шығыс Қазақстан облысы', regionRu: 'Восточно-Казахстанская область', regionEn: 'East Kazakhstan region' },
];

export function findCheckpoint(id: string): Checkpoint | undefined {
  return PILOT_CHECKPOINTS.find((c) => c.id === id);
}

export function isCheckpointId(id: string): id is CheckpointId {
  return (CHECKPOINT_IDS as readonly string[]).includes(id);
}
