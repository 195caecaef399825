import { auditEntryHash, GENESIS_HASH, type AuditEntryInput } from './audit-entry.ts';

/** What a new entry says; the chain gives it its number and the previous entry's hash. */
export type AuditLink = Omit<AuditEntryInput, 'seq' | 'prevHash' | 'hash'>;

/**
 * The entry that follows `prev` (null for a desk's first): numbered one after it, carrying its hash,
 * and hashed itself.
 */
export function chainEntry(prev: Pick<AuditEntryInput, 'seq' | 'hash'> | null, input: AuditLink): AuditEntryInput {
  const unhashed = { ...input, seq: prev ? prev.seq + 1 : 1, prevHash: prev ? prev.hash : GENESIS_HASH };
  return { ...unhashed, hash: auditEntryHash(unhashed) };
}

/**
 * How a chain can break, each about the entry at `at`:
 * - hash-mismatch: the entry is not what was hashed (altered after it was written);
 * - prev-mismatch: it does not carry the hash of the entry before it (that one was altered and rehashed, or replaced);
 * - seq-gap: its number does not follow the one before (entries dropped, or the chain starts past 1);
 * - fork: a second, different entry with a number already taken.
 */
export const CHAIN_BREAK_REASONS = ['hash-mismatch', 'prev-mismatch', 'seq-gap', 'fork'] as const;
export type ChainBreakReason = (typeof CHAIN_BREAK_REASONS)[number];
export type ChainBreak = { at: number; id: string; reason: ChainBreakReason };

export type ChainVerdict = { ok: true; lastSeq: number } | ({ ok: false; breaks: ChainBreak[] } & ChainBreak);

/**
 * Where a verified stretch of a chain starts from: the number before its first entry and the hashes
 * stored under it (more than one where that number was already forked). Without it the stretch must be
 * the chain from its first entry.
 */
export type ChainStart = { seq: number; hashes: readonly string[] };

type Verifiable = Pick<AuditEntryInput, 'id' | 'seq' | 'prevHash' | 'hash'> & Parameters<typeof auditEntryHash>[0];

/**
 * Verifies one desk's entries, in the order given (number order; entries sharing a number in the order
 * they arrived). Every break is listed, the first one also at the top level; after a break the walk goes
 * on from the entry as it stands, so one altered entry is one break, not a break on every entry after it.
 * The same entry given twice (same id and hash) is a repeat, not a fork.
 */
export function verifyChain(entries: readonly Verifiable[], from?: ChainStart): ChainVerdict {
  const breaks: ChainBreak[] = [];
  // The number last seen and the hashes (and ids) of the entries under it, and under the number before.
  let current = { seq: from?.seq ?? 0, hashes: new Set(from?.hashes ?? [GENESIS_HASH]), ids: new Set<string>() };
  let previous: Set<string> | null = null;
  for (const e of entries) {
    const reason = ((): ChainBreakReason | null => {
      if (auditEntryHash(e) !== e.hash) return 'hash-mismatch';
      if (e.seq === current.seq && current.ids.size > 0) {
        if (current.ids.has(e.id) && current.hashes.has(e.hash)) return null;
        return 'fork';
      }
      if (e.seq !== current.seq + 1) return 'seq-gap';
      return current.hashes.has(e.prevHash) ? null : 'prev-mismatch';
    })();
    if (reason) breaks.push({ at: e.seq, id: e.id, reason });
    if (e.seq === current.seq && current.ids.size > 0) {
      // A fork's own link is checked against the number before, like its twin's was.
      if (reason === 'fork' && previous && !previous.has(e.prevHash)) breaks.push({ at: e.seq, id: e.id, reason: 'prev-mismatch' });
      current.hashes.add(e.hash);
      current.ids.add(e.id);
    } else {
      previous = current.hashes;
      current = { seq: e.seq, hashes: new Set([e.hash]), ids: new Set([e.id]) };
    }
  }
  const first = breaks[0];
  return first ? { ok: false, ...first, breaks } : { ok: true, lastSeq: current.seq };
}
