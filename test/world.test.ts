import { describe, expect, it } from 'vitest';
import { sessionDetail } from '../generators/detail.js';
import { generatedSessionsOfDay, sessionByLsid, sessionsOfDay } from '../generators/sessions.js';
import { sessionsInWindow } from '../generators/timeline.js';
import { createWorld, decodeLsid, encodeLsid, FIRST_DAY } from '../generators/world.js';
import { NOW, testMock } from './helpers.js';

const SEEDS = [1, 2, 3, 4, 5];
const DAY = 86_400;
const today = Math.floor(NOW / DAY);

describe('the generated world', () => {
  it('gives byte-identical documents for the same seed and clock', async () => {
    const bodies: string[] = [];
    for (let i = 0; i < 2; i++) {
      const mock = await testMock({ seed: 42 });
      bodies.push(
        (
          await mock.report({
            generate_report: 'SupportSession',
            start_time: NOW - DAY,
            duration: 0,
          })
        ).body,
      );
      await mock.close();
    }
    expect(bodies[0]!.length).toBeGreaterThan(10_000);
    expect(bodies[1]).toBe(bodies[0]);
  });

  it('gives different worlds for different seeds', () => {
    const lsids = SEEDS.map((seed) =>
      sessionsOfDay(createWorld(seed), today - 1)
        .map((s) => s.lsid)
        .join(),
    );
    expect(new Set(lsids).size).toBe(SEEDS.length);
  });

  it('derives a day from the seed and the date alone, whatever was generated before', () => {
    const fresh = createWorld(9);
    const warmed = createWorld(9);
    for (let d = today - 400; d < today; d += 7) sessionsOfDay(warmed, d);
    expect(generatedSessionsOfDay(warmed, today - 3)).toEqual(
      generatedSessionsOfDay(fresh, today - 3),
    );
  });

  it('has no sessions before the appliance existed', () => {
    expect(sessionsOfDay(createWorld(1), FIRST_DAY - 1)).toEqual([]);
    expect(sessionsOfDay(createWorld(1), FIRST_DAY).length).toBeGreaterThan(0);
  });

  it('maps an lsid back to its session, and rejects lsids of another world', () => {
    const world = createWorld(3);
    for (const s of sessionsOfDay(world, today - 10)) {
      expect(decodeLsid(world, s.lsid)).toEqual({ kind: 'support', day: s.day, index: s.index });
      expect(sessionByLsid(world, s.lsid)).toEqual(s);
    }
    const other = createWorld(4);
    expect(decodeLsid(other, encodeLsid(world, today, 0))).toBeNull();
    expect(decodeLsid(world, 'zz')).toBeNull();
  });

  it('grows lseq with each new session', () => {
    const world = createWorld(1);
    const seqs = [today - 2, today - 1].flatMap((d) => sessionsOfDay(world, d).map((s) => s.lseq));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it('holds several sessions that start in the same second and several that end in the same second', () => {
    const world = createWorld(1);
    const cores = Array.from({ length: 30 }, (_, i) =>
      generatedSessionsOfDay(world, today - 1 - i),
    ).flat();
    const dupes = (values: number[]) => values.length - new Set(values).size;
    expect(dupes(cores.map((s) => s.start))).toBeGreaterThan(0);
    expect(dupes(cores.map((s) => s.plannedEnd))).toBeGreaterThan(0);
  });

  it('generates a year-long window day by day without holding the timeline', () => {
    const world = createWorld(1);
    const it = sessionsInWindow(
      world,
      { field: 'start', from: NOW - 365 * DAY, to: NOW, toInclusive: true },
      { now: NOW, settleSeconds: 0 },
    );
    let count = 0;
    let previous = -Infinity;
    for (const s of it) {
      expect(s.start).toBeGreaterThanOrEqual(previous);
      previous = s.start;
      count++;
    }
    expect(count).toBeGreaterThan(5_000);
  });

  it('makes data as dirty as real output across a month of sessions', () => {
    const world = createWorld(1);
    const details = Array.from({ length: 30 }, (_, i) => sessionsOfDay(world, today - 1 - i))
      .flat()
      .map((core) =>
        sessionDetail(world, core, {
          now: NOW,
          settleSeconds: 0,
          siteOrigin: 'https://support.example.com',
        }),
      );
    const reps = details.flatMap((d) => d.reps);
    const customers = details.flatMap((d) => d.customers);
    const texts = JSON.stringify(details);

    expect(reps.some((r) => /^\[[0-9a-f:]+\]:\d+$/.test(r.publicIp ?? ''))).toBe(true);
    expect(customers.some((c) => /^\d+\.\d+\.\d+\.\d+:\d+$/.test(c.publicIp ?? ''))).toBe(true);
    expect(texts).toContain('"Unknown"');
    expect(reps.some((r) => r.hostname === undefined)).toBe(true);
    expect(customers.some((c) => c.publicIp === undefined)).toBe(true);
    expect(/[^\u0000-\u007f]/.test(customers.map((c) => c.name).join())).toBe(true);
    expect(details.some((d) => d.externalKey === '')).toBe(true);
    expect(details.some((d) => d.externalKey !== '')).toBe(true);
    expect(details.some((d) => d.customAttributes.length > 0)).toBe(true);
    expect(details.some((d) => d.customers.length === 1 && d.reps.length === 1)).toBe(true);
    expect(details.some((d) => d.customers.length > 1)).toBe(true);
    expect(details.some((d) => d.reps.length > 1)).toBe(true);
    expect(details.some((d) => d.reps.length === 0)).toBe(true);
    expect(details.some((d) => d.shellRecordings.length > 0)).toBe(true);
    expect(details.some((d) => d.events.some((e) => e.encodedBody !== undefined))).toBe(true);
    expect(
      details.some((d) =>
        d.surveys.some((s) => s.answers.some((a) => a.answers.some((t) => t.includes('\\n')))),
      ),
    ).toBe(true);
    const types = new Set(details.flatMap((d) => d.events.map((e) => e.eventType)));
    expect(types.size).toBeGreaterThanOrEqual(20);
  });

  it('keeps the counts of a session equal to its events', () => {
    const world = createWorld(2);
    for (const core of sessionsOfDay(world, today - 5)) {
      const d = sessionDetail(world, core, {
        now: NOW,
        settleSeconds: 0,
        siteOrigin: 'https://x.example',
      });
      const count = (t: string) => d.events.filter((e) => e.eventType === t).length;
      expect(d.fileTransferCount).toBe(count('File Upload') + count('File Download'));
      expect(d.fileMoveCount).toBe(count('File Moved'));
      expect(d.fileDeleteCount).toBe(count('File Deleted'));
      expect(d.events[0]!.eventType).toBe('Session Start');
      expect(d.events.at(-1)!.eventType).toBe('Session End');
      const stamps = d.events.map((e) => e.timestamp);
      expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
    }
  });
});
