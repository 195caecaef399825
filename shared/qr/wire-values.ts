/**
 * Conversions between the QR's compact wire values and the records' own: ULIDs as 16 bytes, calendar
 * dates as days since 1970, checkpoints as one-byte codes.
 */
import { CHECKPOINT_IDS, type CheckpointId } from '../reference/checkpoints.ts';
import { ULID_PATTERN } from '../ids/ulid.ts';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The code of each checkpoint on the wire is its position here. Printed QR codes live for years, so
 * this list only ever grows at its end; it is deliberately not CHECKPOINT_IDS, whose order may change.
 */
export const WIRE_CHECKPOINTS: readonly CheckpointId[] = ['dostyk-avto', 'nur-zholy', 'kolzhat', 'bakhty', 'maikapshagai'];

export function checkpointCode(id: CheckpointId): number {
  const code = WIRE_CHECKPOINTS.indexOf(id);
  if (code < 0) throw new RangeError(`checkpoint has no wire code: ${id}`);
  return code;
}

export function checkpointFromCode(code: number): CheckpointId | null {
  const id = WIRE_CHECKPOINTS[code];
  return id !== undefined && (CHECKPOINT_IDS as readonly string[]).includes(id) ? id : null;
}

/** A ULID is 128 bits written as 26 Crockford characters; the first one never exceeds 7. */
export function ulidToBytes(id: string): Uint8Array {
  if (!ULID_PATTERN.test(id) || id[0]! > '7') throw new RangeError(`not a ULID: ${id}`);
  let n = 0n;
  for (const ch of id) n = (n << 5n) | BigInt(CROCKFORD.indexOf(ch));
  const out = new Uint8Array(16);
  for (let i = 15; i >= 0; i--) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return out;
}

export function bytesToUlid(bytes: Uint8Array): string {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  let out = '';
  for (let i = 0; i < 26; i++) {
    out = CROCKFORD[Number(n & 31n)] + out;
    n >>= 5n;
  }
  return out;
}

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Days since 1970-01-01; a u16 holds dates up to 2149. Throws on a date that does not exist. */
export function isoDateToDays(date: string): number {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (!ISO_DATE.test(date) || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) throw new RangeError(`not a date: ${date}`);
  return ms / DAY_MS;
}

export function daysToIsoDate(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}
