/** The stock a desk's tests start from: Dostyk-avto received C0100001-C0100010 and gave 1-5 to desk -1. */
import { blankEventDocBase, type BlankEventDoc } from '../../shared/documents/blank-event.ts';

export function deskTestStock(): BlankEventDoc[] {
  const meta = (k: number) => blankEventDocBase({ id: `01DEMS${String(k).padStart(20, '0')}`, hlc: `1700000000000-0000${k}-centre`, by: 'centre', checkpointId: 'dostyk-avto', authorDeskId: '', occurredAt: '2026-11-22T08:00:00+05:00' });
  return [
    { ...meta(1), type: 'received', rangeSeries: 'C', rangeFrom: 100_001, rangeTo: 100_010, receivedAt: 1 },
    { ...meta(2), type: 'handed-to-desk', rangeSeries: 'C', rangeFrom: 100_001, rangeTo: 100_005, deskId: 'dostyk-avto-1', receivedAt: 1 },
  ];
}
