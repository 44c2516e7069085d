import { performance } from 'node:perf_hooks';
import { LATEST_CLOCK, isClockInstant } from '../generators/time.js';

/**
 * The appliance's clock in UNIX seconds. It runs with real time from an anchor, and tests or
 * the admin API can set, advance or freeze it.
 */
export class Clock {
  private anchor: number;
  private anchoredAt: number;
  private frozen: boolean;
  private readonly initial: { anchor: number; frozen: boolean };
  /** Every forward move of set/advance, in milliseconds; never decreases. */
  private forwardMs = 0;

  constructor(options: { now?: number; frozen?: boolean } = {}) {
    this.anchoredAt = Date.now();
    this.anchor = checked(options.now ?? Math.floor(this.anchoredAt / 1000));
    this.frozen = options.frozen ?? false;
    this.initial = { anchor: this.anchor, frozen: this.frozen };
  }

  /** Current appliance time, whole seconds. */
  now(): number {
    if (this.frozen) return this.anchor;
    return this.anchor + Math.floor((Date.now() - this.anchoredAt) / 1000);
  }

  /** Moves the clock; throws a RangeError outside 1970–2100 (see LATEST_CLOCK). */
  set(epochSeconds: number): void {
    const target = checked(Math.floor(epochSeconds));
    const delta = target - this.now();
    if (delta > 0) this.forwardMs += delta * 1000;
    this.anchor = target;
    this.anchoredAt = Date.now();
  }

  advance(seconds: number): void {
    this.set(this.now() + seconds);
  }

  freeze(): void {
    this.set(this.now());
    this.frozen = true;
  }

  resume(): void {
    this.set(this.now());
    this.frozen = false;
  }

  isFrozen(): boolean {
    return this.frozen;
  }

  /** The instant the clock was created with; `reset()` goes back to it. */
  anchorTime(): number {
    return this.initial.anchor;
  }

  /** Back to the anchor and the frozen state the clock was created with. */
  reset(): void {
    this.anchor = this.initial.anchor;
    this.anchoredAt = Date.now();
    this.frozen = this.initial.frozen;
  }

  /**
   * A monotonic millisecond count for rolling windows: real elapsed time plus every forward move
   * of the clock. A frozen clock does not stall it, and advancing the clock by a `Retry-After`
   * lets a client go on without waiting for real.
   */
  ticks(): number {
    return performance.now() + this.forwardMs;
  }
}

function checked(epochSeconds: number): number {
  if (!isClockInstant(epochSeconds)) {
    throw new RangeError(
      `the appliance clock must lie between 0 and ${LATEST_CLOCK} (1970 to 2100), got ${epochSeconds}`,
    );
  }
  return epochSeconds;
}
