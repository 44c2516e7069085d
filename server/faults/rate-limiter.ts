import type { RateLimit } from '../settings.js';

const SECOND_MS = 1000;
const HOUR_MS = 3_600_000;

export type RateDecision = { ok: true } | { ok: false; retryAfter: number };

/**
 * Per-account rolling windows of spec §8: a request is accepted while the account made fewer
 * than `perSecond` accepted requests in the last second and fewer than `perHour` in the last
 * hour. Refused requests do not count.
 *
 * Own code rather than a library: the limiters that are kept up (rate-limiter-flexible,
 * @fastify/rate-limit) count fixed windows on `Date.now()`, and the mock needs rolling windows
 * on its own clock's ticks, so that a test advances the appliance clock instead of sleeping.
 */
export class RateLimiter {
  /** Accepted request times of each account, oldest first, at most an hour old. */
  private readonly accepted = new Map<string, number[]>();

  constructor(
    private readonly ticks: () => number,
    private readonly limit: () => RateLimit,
  ) {}

  /** Counts a request of the account, or refuses it with the seconds until one would pass. */
  take(account: string): RateDecision {
    const limit = this.limit();
    if (limit === 'off') return { ok: true };
    const now = this.ticks();
    const times = this.window(account, now);

    // The request passes when both windows have room; otherwise the oldest entry that keeps a
    // window full must leave it first.
    const inSecond = times.length - firstAfter(times, now - SECOND_MS);
    const waits: number[] = [];
    if (inSecond >= limit.perSecond)
      waits.push(times[times.length - limit.perSecond]! + SECOND_MS - now);
    if (times.length >= limit.perHour)
      waits.push(times[times.length - limit.perHour]! + HOUR_MS - now);
    if (waits.length > 0)
      return { ok: false, retryAfter: Math.max(1, Math.ceil(Math.max(...waits) / 1000)) };

    times.push(now);
    return { ok: true };
  }

  clear(): void {
    this.accepted.clear();
  }

  /** The account's accepted times within the last hour (older ones dropped). */
  private window(account: string, now: number): number[] {
    let times = this.accepted.get(account);
    if (!times) {
      times = [];
      this.accepted.set(account, times);
    }
    const expired = firstAfter(times, now - HOUR_MS);
    if (expired > 0) times.splice(0, expired);
    return times;
  }
}

/** Index of the first time strictly after `t` in an ascending list (binary search). */
function firstAfter(times: number[], t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
