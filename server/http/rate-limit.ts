/**
 * Token buckets in memory, per server instance: one per client address, one per bearer token, a strict
 * one per address for enrolment with a one-time code, and one per address that only refused tokens drain
 * (guessing an administrator's or a desk's token). Over the limit: 429 with a JSON error and retry-after.
 * Several instances each keep their own buckets; the limits are generous enough for desks syncing.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hashToken } from '../sync/devices.ts';

/** capacity: the burst; perSecond: how fast the bucket fills again. */
export type Bucket = { capacity: number; perSecond: number };
export type RateLimits = {
  /** Every request from one address (a checkpoint's desks may share one behind NAT). */
  perAddress: Bucket;
  /** Every request with one bearer token. */
  perToken: Bucket;
  /** POST of a one-time enrolment code, per address. */
  enrolment: Bucket;
  /** Refused tokens (401) per address; once spent, requests with a token and the admin API are refused too. */
  refusedTokens: Bucket;
};

/**
 * A checkpoint's ten desks pulling ten collections every two seconds make 50 requests a second from one
 * address; the defaults leave room for ten times that and for the bursts of a desk catching up.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  perAddress: { capacity: 3000, perSecond: 500 },
  perToken: { capacity: 1000, perSecond: 100 },
  enrolment: { capacity: 10, perSecond: 1 / 30 },
  refusedTokens: { capacity: 30, perSecond: 1 / 10 },
};

/** At most this many keys per kind of bucket; past it the fullest are forgotten (a full bucket holds nothing). */
const MAX_KEYS = 20_000;

export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(
    private readonly limit: Bucket,
    private readonly now: () => number = Date.now,
  ) {}

  private level(key: string): { tokens: number; at: number } {
    const t = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.limit.capacity, at: t };
    b.tokens = Math.min(this.limit.capacity, b.tokens + ((t - b.at) / 1000) * this.limit.perSecond);
    b.at = t;
    return b;
  }

  /** Takes one token; null when taken, else the seconds until one is there. */
  take(key: string): number | null {
    const b = this.level(key);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      this.keep(key, b);
      return null;
    }
    this.keep(key, b);
    return this.waitFor(b);
  }

  /** Seconds until a token is there (null when there is one now), without taking it. */
  peek(key: string): number | null {
    const b = this.buckets.get(key) ? this.level(key) : null;
    return b && b.tokens < 1 ? this.waitFor(b) : null;
  }

  private waitFor(b: { tokens: number }): number {
    return Math.max(1, Math.ceil((1 - b.tokens) / this.limit.perSecond));
  }

  private keep(key: string, b: { tokens: number; at: number }): void {
    this.buckets.set(key, b);
    if (this.buckets.size <= MAX_KEYS) return;
    for (const [k] of this.buckets) if (this.level(k).tokens >= this.limit.capacity - 1) this.buckets.delete(k);
    // Still full of drained buckets (a flood from many addresses): forget the oldest half.
    if (this.buckets.size > MAX_KEYS) for (const k of [...this.buckets.keys()].slice(0, MAX_KEYS / 2)) this.buckets.delete(k);
  }
}

/** Installs the limits as the first onRequest hook (before the token is even looked up). */
export function registerRateLimits(app: FastifyInstance, limits: RateLimits, isEnrolment: (req: FastifyRequest) => boolean, now: () => number = Date.now): { refused(req: FastifyRequest): void } {
  const address = new TokenBuckets(limits.perAddress, now);
  const token = new TokenBuckets(limits.perToken, now);
  const enrolment = new TokenBuckets(limits.enrolment, now);
  const refused = new TokenBuckets(limits.refusedTokens, now);

  app.addHook('onRequest', async (req, reply) => {
    const ip = req.ip;
    const authorization = req.headers.authorization;
    const wait =
      address.take(ip) ??
      (authorization || req.url.startsWith('/admin/api') ? refused.peek(refusalKey(ip, authorization)) : null) ??
      (authorization ? token.take(hashToken(authorization)) : null) ??
      (isEnrolment(req) ? enrolment.take(ip) : null);
    if (wait === null) return;
    return reply.code(429).header('retry-after', String(wait)).send({ error: 'too-many-requests', message: `too many requests: try again in ${wait} s` });
  });

  return { refused: (req) => void refused.take(refusalKey(req.ip, req.headers.authorization)) };
}

/**
 * Refusals count per address and token: a revoked desk retrying its old token slows only itself, not
 * the desks that share its address (a checkpoint's NAT, a reverse proxy). Guessing other tokens is
 * still bounded by the per-address bucket, and a token is too long to guess.
 */
function refusalKey(ip: string, authorization: string | undefined): string {
  return `${ip}|${authorization ? hashToken(authorization) : '-'}`;
}
