/**
 * What went wrong opening or using a serial port, from serialport's error text (it gives no codes
 * on every platform): no such port, in use by another program, not permitted, or something else.
 */
export type SerialProblem = 'no-such-port' | 'port-busy' | 'permission-denied' | 'port-failed';

export function classifySerialError(err: Error): SerialProblem {
  const m = err.message;
  if (/ENOENT|No such file|cannot find|File not found/i.test(m)) return 'no-such-port';
  if (/EBUSY|Resource busy|Access denied|in use|Cannot lock port/i.test(m)) return 'port-busy';
  if (/EACCES|Permission denied/i.test(m)) return 'permission-denied';
  return 'port-failed';
}
