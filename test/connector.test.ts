import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionsInWindow } from '../generators/timeline.js';
import { startMockAppliance, type MockAppliance } from '../index.js';
import { FAULT_KINDS, type FaultRuleInput } from '../server/faults/rules.js';
import { pinSession } from '../generators/sessions.js';
import { createWorld } from '../generators/world.js';
import { NOW } from './helpers.js';
import { SessionConnector } from './support/connector.js';

const GRACE = 900;
const POLL_INTERVAL = 300;
const SETTLE = 20;

/**
 * The whole catalogue, each rule once, spread over the run by `nth`: listing faults hit the
 * connector's cursor query, detail faults its per-session requests.
 */
const CATALOGUE: FaultRuleInput[] = [
  { kind: 'status', status: 500, match: { report: 'SupportSessionListing', nth: [2] }, times: 1 },
  { kind: 'reset', match: { report: 'SupportSessionListing', nth: [3] }, times: 1 },
  {
    kind: 'truncate',
    at: 0.5,
    framing: 'abort',
    match: { report: 'SupportSessionListing', nth: [4] },
    times: 1,
  },
  {
    kind: 'truncate',
    at: 0.6,
    framing: 'complete',
    match: { report: 'SupportSession', nth: [3] },
    times: 1,
  },
  {
    kind: 'invalid_chars',
    char: '\u0008',
    match: { report: 'SupportSession', nth: [5] },
    times: 1,
  },
  {
    kind: 'html_page',
    status: 200,
    match: { report: 'SupportSessionListing', nth: [5] },
    times: 1,
  },
  { kind: 'html_page', status: 404, match: { report: 'SupportSession', nth: [7] }, times: 1 },
  {
    kind: 'doctype_entity',
    url: 'http://127.0.0.1:9/never',
    match: { report: 'SupportSession', nth: [2] },
    times: 1,
  },
  { kind: 'revoke_token', match: { report: 'SupportSession', nth: [9] }, times: 1 },
  { kind: 'latency', ms: [5, 25], match: { report: 'SupportSessionListing', nth: [6] }, times: 1 },
  {
    kind: 'status',
    status: 429,
    retryAfter: 2,
    match: { report: 'SupportSession', nth: [11] },
    times: 1,
  },
  { kind: 'status', status: 503, match: { report: 'SupportSession', nth: [13] }, times: 1 },
];

describe('a resilient cursor connector against the whole fault catalogue', () => {
  let mock: MockAppliance;
  let connector: SessionConnector;
  const start = NOW - 6 * 3600;

  beforeAll(async () => {
    mock = await startMockAppliance({
      seed: 11,
      now: NOW,
      frozenClock: true,
      // Low enough that the listing-then-detail fan-out meets the real limiter.
      settings: { rateLimit: { perSecond: 4, perHour: 15_000 }, settleSeconds: SETTLE },
    });
    connector = new SessionConnector({
      baseUrl: mock.url,
      ...mock.credentials,
      startCursor: start,
      graceSeconds: GRACE,
      // The connector's waits move the appliance clock instead of real time.
      sleep: async (seconds) => void mock.clock.advance(Math.ceil(seconds)),
    });
  });

  afterAll(() => mock.close());

  it('collects every session of the window exactly once while every fault fires', async () => {
    for (const rule of CATALOGUE) mock.faults.add(rule);

    for (let poll = 0; poll < 24; poll++) {
      // A session that ends now; then one that ended earlier but shows up after a later one the
      // connector has already collected, which moved its cursor past it.
      if (poll === 3) mock.sessions.add({});
      if (poll === 5) {
        mock.sessions.add({ end: mock.clock.now() - 100, visibleIn: 400 });
        mock.sessions.add({ end: mock.clock.now() - 50 });
      }
      if (poll === 8) mock.settings.update({ keepalive: 'reset' });
      if (poll === 12) mock.settings.update({ keepalive: 'close' });
      await connector.poll();
      mock.clock.advance(POLL_INTERVAL);
    }
    const rules = mock.faults.list();
    mock.faults.clear();
    await connector.poll();

    // The world as the seed defines it, with the two added sessions pinned the same way.
    const world = createWorld(11);
    for (const s of mock.sessions.list()) {
      pinSession(world, {
        start: s.start,
        plannedEnd: s.end,
        ...(s.visibleAt ? { visibleAt: s.visibleAt } : {}),
      });
    }
    const expected = [
      ...sessionsInWindow(
        world,
        { field: 'end', from: start - GRACE, to: mock.clock.now(), toInclusive: true },
        { now: mock.clock.now(), settleSeconds: SETTLE },
      ),
    ].map((s) => s.lsid);
    const collected = connector.collected.map((s) => s.lsid);

    expect(new Set(collected).size).toBe(collected.length);
    expect(new Set(collected)).toEqual(new Set(expected));
    expect(collected.length).toBeGreaterThan(10);
    const added = mock.sessions.list().map((s) => s.lsid);
    for (const lsid of added) expect(collected).toContain(lsid);

    // Every kind of the catalogue, the real limiter and the keep-alive reset reached the client.
    const applied = new Set(mock.journal.list().map((e) => e.fault));
    for (const kind of [...FAULT_KINDS, 'rate_limit', 'keepalive_reset'])
      expect(applied).toContain(kind);
    for (const rule of rules) expect(rule.applied).toBe(1);
    // …and the connector took each of its recovery paths at least once.
    for (const count of Object.values(connector.stats)) expect(count).toBeGreaterThan(0);
  });
});
