import { setImmediate as nextTurn } from 'node:timers/promises';

/** Longest run of days computed before other requests get the event loop. */
const SLICE_MS = 10;

/**
 * Hands the event loop to other requests at day boundaries once a slice of work has run, so a
 * report over years never blocks the server for longer than about a slice plus one day.
 */
export class Pacer {
  private since = performance.now();

  async atDayEnd(): Promise<void> {
    if (performance.now() - this.since < SLICE_MS) return;
    await nextTurn();
    this.since = performance.now();
  }
}
