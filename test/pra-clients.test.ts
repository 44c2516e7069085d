import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionParticipants } from '../generators/participants.js';
import { pinSession } from '../generators/sessions.js';
import { createWorld, jumpGroupOf, repById, type World } from '../generators/world.js';
import { NOW, NS, expectValid, testMock, type TestMock } from './helpers.js';
import { sessionsEndedBetween, sessionsStartedBetween } from './pra-world-sessions.js';
import {
  DictCollector,
  StrictXPathConnector,
  injectTransport,
  sevenDayPage,
  type Dict,
  type Transport,
} from './support/pra-clients.js';

const DAY = 86_400;
let mock: TestMock;
/** The same seed and product, built apart from the mock: the independent expectation. */
let world: World;

beforeAll(async () => {
  mock = await testMock({ product: 'pra' });
  world = createWorld(1, 'pra');
  // One Jump still running at NOW, in both worlds alike.
  for (const w of [mock.state.world, world])
    pinSession(w, { start: NOW - 600, plannedEnd: NOW + 3600 });
});
afterAll(() => mock.close());

/** The mock through inject(); every XML answer a client reads is validated against the PRA schema. */
const transport = (): Transport => {
  const inner = injectTransport(mock.app);
  return async (request) => {
    const res = await inner(request);
    if (res.contentType.startsWith('text/xml')) expectValid(res.body.toString('utf8'), NS, 'pra');
    return res;
  };
};

const credentials = () => ({
  clientId: mock.state.accounts[0]!.clientId,
  clientSecret: mock.state.accounts[0]!.clientSecret,
});

describe('a namespace-strict XPath connector (listing by end_time cursor, then detail per lsid)', () => {
  it('collects every session that ended since its start, each with its Jump Group, over several rounds', async () => {
    const start = NOW - DAY;
    const connector = new StrictXPathConnector(transport(), credentials(), start);
    let forwarded = 0;
    let end = NOW;
    try {
      forwarded += await connector.poll();
      for (let round = 0; round < 4; round++) {
        mock.state.clock.advance(6 * 3600);
        forwarded += await connector.poll();
      }
      end = mock.state.clock.now();
    } finally {
      mock.state.clock.set(NOW);
    }

    const expected = sessionsEndedBetween(world, start, end);
    expect(expected.length).toBeGreaterThan(20);
    expect(forwarded).toBe(expected.length);
    expect([...connector.seen].sort()).toEqual(expected.map((s) => s.lsid).sort());
    for (const s of expected) {
      expect(connector.ends.get(s.lsid)).toBe(s.plannedEnd);
      const group = jumpGroupOf(world, s.jump!.jumpGroupId, s.jump!.jumpGroupType);
      const events = connector.events.filter((e) => e.sessionId === s.lsid);
      expect(events.length).toBeGreaterThanOrEqual(2);
      for (const e of events) expect(e.jumpGroup).toEqual({ name: group.name, type: group.type });
    }
    // Its cursor rests on the newest end second it saw.
    expect(connector.cursor).toBe(Math.max(...expected.map((s) => s.plannedEnd)));
  });
});

describe('a namespace-agnostic dictionary collector (GET, start_time windows of 86,400 s)', () => {
  it('walks AccessSession forward day by day and gets every session that started, running ones too', async () => {
    const since = NOW - 3 * DAY;
    const collector = new DictCollector(transport(), credentials(), () => NOW);
    const logs = await collector.collect('AccessSession', since);
    const expected = sessionsStartedBetween(world, since, NOW);
    expect(logs.map((l) => l['@lsid']).sort()).toEqual(expected.map((s) => s.lsid).sort());
    for (const log of logs) {
      const core = expected.find((s) => s.lsid === log['@lsid'])!;
      const group = log.jump_group as Dict;
      expect(group['#text']).toBe(
        jumpGroupOf(world, core.jump!.jumpGroupId, core.jump!.jumpGroupType).name,
      );
      expect(Number((log.start_time as Dict)['@timestamp'])).toBe(core.start);
      // No Remote Support-only elements reach a PRA collector.
      expect(log.public_site).toBeUndefined();
      expect(log.cust_survey_list).toBeUndefined();
    }
    expect(expected.some((s) => s.plannedEnd > NOW)).toBe(true);
  });

  it('walks VaultAccountActivity forward and sees each injected credential checked out by its user', async () => {
    const since = NOW - 3 * DAY;
    const collector = new DictCollector(transport(), credentials(), () => NOW);
    const logs = await collector.collect('VaultAccountActivity', since);
    const stamps = logs.map((l) => Number(l['@timestamp']));
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
    expect(stamps.every((t) => t >= since && t <= NOW)).toBe(true);

    const injected = sessionsStartedBetween(world, since, NOW).filter(
      (s) => s.vaultAccountId !== undefined,
    );
    expect(injected.length).toBeGreaterThan(0);
    for (const s of injected) {
      const user = sessionParticipants(world, s).primary!;
      const out = logs.find(
        (l) =>
          l['@event_type'] === 'Account Checked Out' &&
          Number(l['@account']) === s.vaultAccountId &&
          Number(l['@timestamp']) === user.join + 2,
      );
      expect(out, s.lsid).toBeDefined();
      expect((out!.performed_by as Dict)['#text']).toBe(
        repById(world, s.primaryRepId!).displayName,
      );
      expect((out!.performed_by as Dict)['@type']).toBe('User');
    }
  });

  it('walks Team forward and tags every event with its team', async () => {
    const collector = new DictCollector(transport(), credentials(), () => NOW);
    const logs = await collector.collect('Team', NOW - DAY);
    expect(logs.length).toBeGreaterThan(0);
    const teams = new Set(world.teams.map((t) => t.name));
    for (const log of logs) expect(teams.has(log.team as unknown as string)).toBe(true);
  });
});

describe('a SimpleXML page reading seven days of AccessSession', () => {
  it('lists every session of the seven days, shows running ones as active and parses every date', async () => {
    const rows = await sevenDayPage(transport(), credentials(), NOW);
    const expected = sessionsStartedBetween(world, NOW - 7 * DAY, NOW);
    expect(rows.map((r) => r.lsid)).toEqual(expected.map((s) => s.lsid));
    for (const [i, row] of rows.entries()) {
      const s = expected[i]!;
      expect(row.started).toBe(s.start);
      expect(row.active).toBe(s.plannedEnd > NOW);
      expect(row.user).toBe(repById(world, s.primaryRepId!).displayName);
      expect(row.jumpGroup).toBe(
        jumpGroupOf(world, s.jump!.jumpGroupId, s.jump!.jumpGroupType).name,
      );
      const jumpoint = world.jumpoints.find((j) => j.id === s.jump!.jumpointId);
      expect(row.jumpoint).toBe(jumpoint?.name ?? '');
    }
    expect(rows.some((r) => r.active)).toBe(true);
  });
});
