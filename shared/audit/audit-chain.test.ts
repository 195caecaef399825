import { describe, expect, it } from 'vitest';
import { ulid } from '../ids/ulid.ts';
import { chainEntry, verifyChain, type AuditLink } from './audit-chain.ts';
import { auditEntryHash, auditEntryInputSchema, canonicalJson, GENESIS_HASH, type AuditEntryInput } from './audit-entry.ts';

const T0 = Date.parse('2026-12-02T08:00:00.000Z');

function link(i: number, over: Partial<AuditLink> = {}): AuditLink {
  return {
    id: ulid(T0 + i),
    deskId: 'dostyk-avto-1',
    checkpointId: 'dostyk-avto',
    occurredAt: new Date(T0 + i * 1000).toISOString(),
    hlc: `${String(T0 + i * 1000).padStart(13, '0')}-00000-dostyk-avto-1`,
    kind: 'crossing',
    userId: 'u-serikuly',
    subject: `A26-${String(i).padStart(6, '0')}`,
    details: { direction: 'exit', plate: '123ABC02', n: i },
    ...over,
  };
}

function chain(n: number): AuditEntryInput[] {
  const out: AuditEntryInput[] = [];
  for (let i = 1; i <= n; i++) out.push(chainEntry(out.at(-1) ?? null, link(i)));
  return out;
}

describe('the audit chain', () => {
  it('numbers entries from 1, links each to the hash of the one before, and verifies', () => {
    const c = chain(5);
    expect(c.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(c[0]!.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < c.length; i++) expect(c[i]!.prevHash).toBe(c[i - 1]!.hash);
    for (const e of c) expect(auditEntryInputSchema.parse(e)).toEqual(e);
    expect(verifyChain(c)).toEqual({ ok: true, lastSeq: 5 });
    expect(verifyChain([])).toEqual({ ok: true, lastSeq: 0 });
  });

  it('hashes the same entry the same whatever the key order, and ignores what the centre and RxDB add', () => {
    const [e] = chain(1);
    const shuffled = Object.fromEntries(Object.entries(e!).reverse()) as AuditEntryInput;
    shuffled.details = Object.fromEntries(Object.entries(e!.details).reverse());
    expect(auditEntryHash(shuffled)).toBe(e!.hash);
    expect(auditEntryHash({ ...e!, receivedAt: 5, _deleted: false, _meta: { lwt: 1 } } as AuditEntryInput)).toBe(e!.hash);
    expect(canonicalJson({ b: [1, { d: 'ә', c: null }], a: true })).toBe('{"a":true,"b":[1,{"c":null,"d":"ә"}]}');
    expect(() => canonicalJson({ a: undefined })).toThrow();
    expect(() => canonicalJson(Number.NaN)).toThrow();
  });

  // Removing the hash check in verifyChain (the auditEntryHash(e) !== e.hash line) fails every row here.
  it.each([
    ['id', { id: ulid(T0 + 99) }],
    ['deskId', { deskId: 'dostyk-avto-2' }],
    ['checkpointId', { checkpointId: 'kolzhat' }],
    ['occurredAt', { occurredAt: '2026-12-02T09:00:00.000Z' }],
    ['hlc', { hlc: '1764666000000-00001-dostyk-avto-1' }],
    ['kind', { kind: 'override' }],
    ['userId', { userId: null }],
    ['subject', { subject: 'A26-999999' }],
    ['details', { details: { direction: 'entry', plate: '123ABC02', n: 3 } }],
    ['a detail added', { details: { direction: 'exit', plate: '123ABC02', n: 3, extra: 1 } }],
  ] as const)('finds an entry whose %s was altered', (_field, change) => {
    const c = chain(5);
    c[2] = { ...c[2]!, ...change } as AuditEntryInput;
    expect(verifyChain(c)).toMatchObject({ ok: false, at: 3, id: c[2]!.id, reason: 'hash-mismatch', breaks: [{ at: 3, reason: 'hash-mismatch' }] });
  });

  it('finds an entry altered and hashed again: the next one no longer links to it', () => {
    const c = chain(5);
    const altered = { ...c[2]!, subject: 'A26-999999' };
    c[2] = { ...altered, hash: auditEntryHash(altered) };
    expect(verifyChain(c)).toMatchObject({ ok: false, at: 4, reason: 'prev-mismatch', breaks: [{ at: 4, reason: 'prev-mismatch' }] });
  });

  it('finds a renumbered or re-linked entry (seq and prevHash are hashed too)', () => {
    const c = chain(3);
    expect(verifyChain([c[0]!, c[1]!, { ...c[2]!, seq: 4 }])).toMatchObject({ ok: false, at: 4, reason: 'hash-mismatch' });
    expect(verifyChain([c[0]!, c[1]!, { ...c[2]!, prevHash: c[0]!.hash }])).toMatchObject({ ok: false, at: 3, reason: 'hash-mismatch' });
  });

  // Removing the contiguity check (e.seq !== current.seq + 1) fails these.
  it('finds a dropped entry, a dropped first entry, and a reordering', () => {
    const c = chain(5);
    expect(verifyChain([c[0]!, c[1]!, c[3]!, c[4]!])).toMatchObject({ ok: false, at: 4, reason: 'seq-gap', breaks: [{ at: 4, reason: 'seq-gap' }] });
    expect(verifyChain(c.slice(1))).toMatchObject({ ok: false, at: 2, reason: 'seq-gap' });
    const swapped = [c[0]!, c[2]!, c[1]!, c[3]!, c[4]!];
    const v = verifyChain(swapped);
    expect(v).toMatchObject({ ok: false, at: 3, reason: 'seq-gap' });
    expect(v.ok ? [] : v.breaks.map((b) => b.at)).toEqual([3, 2, 4]);
  });

  it('finds a fork: a second, different entry under a number already taken', () => {
    const c = chain(3);
    const twin = chainEntry(c[0]!, link(7, { subject: 'A26-000777' }));
    expect(twin.seq).toBe(2);
    const v = verifyChain([c[0]!, c[1]!, twin, c[2]!]);
    expect(v).toMatchObject({ ok: false, at: 2, id: twin.id, reason: 'fork', breaks: [{ at: 2, id: twin.id, reason: 'fork' }] });
    // The same entry given twice is a repeat, not a fork.
    expect(verifyChain([c[0]!, c[1]!, c[1]!, c[2]!])).toEqual({ ok: true, lastSeq: 3 });
  });

  it('verifies a stretch from the entry stored before it', () => {
    const c = chain(6);
    expect(verifyChain(c.slice(3), { seq: 3, hashes: [c[2]!.hash] })).toEqual({ ok: true, lastSeq: 6 });
    expect(verifyChain(c.slice(3), { seq: 3, hashes: [c[1]!.hash] })).toMatchObject({ ok: false, at: 4, reason: 'prev-mismatch' });
    expect(verifyChain(c.slice(4), { seq: 3, hashes: [c[2]!.hash] })).toMatchObject({ ok: false, at: 5, reason: 'seq-gap' });
  });

  it('refuses details that are not small and flat, and text PostgreSQL would not store as hashed', () => {
    const [e] = chain(1);
    const ok = (over: Partial<AuditEntryInput>) => auditEntryInputSchema.safeParse({ ...e, ...over }).success;
    expect(ok({ details: Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, i])) })).toBe(false);
    expect(ok({ details: { nested: { a: 1 } as never } })).toBe(false);
    expect(ok({ details: { long: 'x'.repeat(201) } })).toBe(false);
    expect(ok({ details: { 'bad key': 1 } })).toBe(false);
    expect(ok({ subject: 'a\u0000b' })).toBe(false);
    expect(ok({ subject: 'a\ud800b' })).toBe(false);
    expect(ok({ subject: 'Қазақ 🚚' })).toBe(true);
    expect(ok({ seq: 0 })).toBe(false);
    expect(ok({ hash: 'ABC' })).toBe(false);
  });
});
