/** A slip with every Kazakh letter, for the technician's test print, the tests and the bench. */
import type { Slip } from './slip.ts';

export const KAZAKH_CAPITALS = 'Ә Ғ Қ Ң Ө Ұ Ү Һ І';

export const SAMPLE_SLIP: Slip = {
  title: 'Рұқсат қосымшасы',
  carrierName: `ЖШС «${KAZAKH_CAPITALS}» Логистика`,
  applicationNumber: 'A26-000123',
  addendumNumber: 'D26-000123',
  blankNumber: 'C0012345',
  plate: '123ABC02',
  issuedAt: '2026-03-14T09:05:00+05:00',
  checkpointName: 'Қорғас',
  officerName: 'Сәрсенбаев Ә. Қ.',
  qrText: 'SHK1.eyJhIjoiQTI2LTAwMDEyMyIsImQiOiJEMjYtMDAwMTIzIn0.MEUCIQDx3ZkVq7wYb0n8Jd2sP1RrW',
  language: 'kk',
};
