/**
 * The appliance's clock in UNIX seconds. It runs with real time from an anchor, and tests or
 * the admin API can set, advance or freeze it.
 */
export class Clock {
  private anchor: number;
  private anchoredAt: number;
  private frozen: boolean;

  constructor(options: { now?: number; frozen?: boolean } = {}) {
    this.anchoredAt = Date.now();
    this.anchor = options.now ?? Math.floor(this.anchoredAt / 1000);
    this.frozen = options.frozen ?? false;
  }

  /** Current appliance time, whole seconds. */
  now(): number {
    if (this.frozen) return this.anchor;
    return this.anchor + Math.floor((Date.now() - this.anchoredAt) / 1000);
  }

  set(epochSeconds: number): void {
    this.anchor = Math.floor(epochSeconds);
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
}
