import type { InjectOptions } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { LATEST_CLOCK } from '../generators/time.js';
import { Clock } from '../server/clock.js';
import { NOT_FOUND_PAGE } from '../server/routes/not-found.js';
import { NOW, testMock, type TestMock } from './helpers.js';

const ADMIN = 'admin-secret-for-tests';
let mock: TestMock;

afterEach(() => mock?.close());

async function adminMock(options = {}) {
  mock = await testMock({ admin: { token: ADMIN }, ...options });
  return mock;
}

/** An admin call with the admin token and a JSON body; the answer parsed as JSON. */
async function admin(method: InjectOptions['method'], url: string, body?: unknown, token = ADMIN) {
  const res = await mock.app.inject({
    method,
    url: `/__admin${url}`,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined
      ? { payload: typeof body === 'string' ? body : JSON.stringify(body) }
      : {}),
  });
  return {
    status: res.statusCode,
    type: res.headers['content-type'],
    json: JSON.parse(res.body) as any,
  };
}

const listing = (from = NOW - 3600) =>
  mock.report({ generate_report: 'SupportSessionListing', end_time: from, duration: 0 });

describe('access to the admin API', () => {
  it('is off unless enabled: /__admin answers the appliance 404 page', async () => {
    mock = await testMock();
    const res = await mock.app.inject({
      method: 'POST',
      url: '/__admin/reset',
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect(res.statusCode).toBe(404);
    expect(res.body).toBe(NOT_FOUND_PAGE);
  });

  it.each([
    ['no token', undefined],
    ['a wrong token', 'not-the-admin-token'],
  ])('%s gets 401 JSON', async (_name, token) => {
    await adminMock();
    const res = await mock.app.inject({
      method: 'GET',
      url: '/__admin/clock',
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="btmock-admin"');
    expect(JSON.parse(res.body)).toMatchObject({ error: 'admin_unauthorized' });
  });

  it('an API account token is never an admin token', async () => {
    await adminMock();
    const res = await admin('GET', '/clock', undefined, await mock.token());
    expect(res.status).toBe(401);
  });

  it('the admin token must not be an API client secret', async () => {
    await expect(
      testMock({
        admin: { token: 'shared-secret-1' },
        accounts: [{ clientSecret: 'shared-secret-1' }],
      }),
    ).rejects.toThrow(/BAD_OPTION/);
  });

  it('an unknown operation is a 404 JSON naming it', async () => {
    await adminMock();
    const res = await admin('POST', '/nothing');
    expect(res.status).toBe(404);
    expect(res.json).toEqual({
      error: 'no_such_operation',
      message: 'There is no admin operation POST /__admin/nothing.',
    });
  });

  it('admin requests are neither journaled nor faulted', async () => {
    await adminMock();
    await admin('POST', '/faults', { kind: 'status', status: 500 });
    expect((await admin('GET', '/clock')).status).toBe(200);
    expect((await admin('GET', '/journal')).json).toEqual([]);
  });
});

describe('clock operations', () => {
  it('get shows the time, frozen state and anchor', async () => {
    await adminMock();
    expect((await admin('GET', '/clock')).json).toEqual({
      now: NOW,
      iso: new Date(NOW * 1000).toISOString().replace('.000Z', '+00:00'),
      frozen: true,
      anchor: NOW,
    });
  });

  it('set takes UNIX seconds or ISO text; advance, freeze and resume move it', async () => {
    await adminMock();
    expect((await admin('PUT', '/clock', { now: NOW + 100 })).json.now).toBe(NOW + 100);
    expect((await admin('PUT', '/clock', { now: '2025-12-04T00:00:00Z' })).json.now).toBe(
      Date.UTC(2025, 11, 4) / 1000,
    );
    expect((await admin('POST', '/clock/advance', { seconds: 60 })).json.now).toBe(
      Date.UTC(2025, 11, 4) / 1000 + 60,
    );
    expect((await admin('POST', '/clock/resume')).json.frozen).toBe(false);
    expect((await admin('POST', '/clock/freeze')).json.frozen).toBe(true);
    expect((await admin('PUT', '/clock', { frozen: false })).json.frozen).toBe(false);
    expect(mock.state.clock.isFrozen()).toBe(false);
  });

  it('a bad field gets 400 naming it', async () => {
    await adminMock();
    expect(await admin('POST', '/clock/advance', { seconds: 'soon' })).toMatchObject({
      status: 400,
      json: { error: 'bad_field', field: 'seconds', message: 'seconds must be a whole number' },
    });
    expect((await admin('POST', '/clock/advance', { seconds: -5 })).json.field).toBe('seconds');
    expect((await admin('POST', '/clock/advance', {})).json).toMatchObject({
      field: 'seconds',
      message: 'seconds is required',
    });
    expect((await admin('PUT', '/clock', { now: 'tomorrow' })).json.field).toBe('now');
    expect((await admin('PUT', '/clock', { when: 1 })).json).toMatchObject({
      error: 'bad_field',
      field: 'when',
    });
    expect((await admin('PUT', '/clock', {})).status).toBe(400);
  });

  it('a body that is not JSON gets 400 bad_json', async () => {
    await adminMock();
    expect(await admin('POST', '/clock/advance', '{"seconds":')).toMatchObject({
      status: 400,
      json: { error: 'bad_json' },
    });
  });
});

describe('session operations', () => {
  it('adds a session that ends now, seen closed by reports at once', async () => {
    await adminMock();
    const res = await admin('POST', '/sessions', {});
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ end: NOW, start: NOW - 900, visibleAt: null });
    expect((await listing()).body).toContain(res.json.lsid);
    const detail = await mock.report({ generate_report: 'SupportSession', lsid: res.json.lsid });
    expect(detail.body).toContain(`<end_time timestamp="${NOW}">`);
  });

  it('adds a session that arrives late', async () => {
    await adminMock();
    const late = (await admin('POST', '/sessions', { end: NOW - 300, visibleIn: 120 })).json;
    expect(late.visibleAt).toBe(NOW + 120);
    expect((await listing()).body).not.toContain(late.lsid);
    await admin('POST', '/clock/advance', { seconds: 120 });
    expect((await listing()).body).toContain(late.lsid);
    expect((await admin('GET', '/sessions')).json).toEqual([late]);
  });

  it('refuses an end before the start, and both visibleAt and visibleIn', async () => {
    await adminMock();
    expect((await admin('POST', '/sessions', { start: NOW, end: NOW - 1 })).json).toMatchObject({
      field: 'end',
      message: 'end must not be before the session start',
    });
    expect((await admin('POST', '/sessions', { visibleAt: NOW, visibleIn: 5 })).json.field).toBe(
      'visibleIn',
    );
    expect((await admin('POST', '/sessions', { durationSeconds: 31 * 3600 })).json.field).toBe(
      'durationSeconds',
    );
  });
});

describe('journal operations', () => {
  it('lists with filters, verifies counts and order, and clears', async () => {
    await adminMock();
    await listing();
    await mock.report({
      generate_report: 'SupportSession',
      lsid: 'ffffffffffffffffffffffffffffffff',
    });
    const all = (await admin('GET', '/journal')).json;
    expect(all.map((e: { path: string }) => e.path)).toEqual([
      '/oauth2/token',
      '/api/reporting',
      '/api/reporting',
    ]);
    expect((await admin('GET', '/journal?report=SupportSession&status=200')).json).toHaveLength(1);

    expect(
      (await admin('POST', '/journal/verify', { match: { path: '/api/reporting' }, count: 2 }))
        .json,
    ).toEqual({
      ok: true,
      kind: 'count',
      count: 2,
      expected: { min: 2, max: 2 },
    });
    expect(
      (await admin('POST', '/journal/verify', { match: { report: 'SupportTeam' } })).json.ok,
    ).toBe(false);
    const order = await admin('POST', '/journal/verify', {
      sequence: [
        { path: '/oauth2/token' },
        { report: 'SupportSessionListing' },
        { report: 'SupportSession' },
      ],
    });
    expect(order.json).toMatchObject({ ok: true, matchedSteps: 3, ids: [1, 2, 3] });
    const reversed = await admin('POST', '/journal/verify', {
      sequence: [{ report: 'SupportSession' }, { report: 'SupportSessionListing' }],
    });
    expect(reversed.json).toMatchObject({ ok: false, matchedSteps: 1 });

    expect((await admin('DELETE', '/journal')).json).toEqual({ cleared: 3 });
    expect((await admin('GET', '/journal')).json).toEqual([]);
  });

  it('a bad verification names its field', async () => {
    await adminMock();
    expect((await admin('POST', '/journal/verify', { match: { status: 'ok' } })).json.field).toBe(
      'match.status',
    );
    expect((await admin('POST', '/journal/verify', { sequence: [] })).json.field).toBe('sequence');
    expect((await admin('POST', '/journal/verify', { sequence: [{ colour: 1 }] })).json.field).toBe(
      'sequence[0].colour',
    );
  });
});

describe('fault operations', () => {
  it('adds, lists, removes and clears rules', async () => {
    await adminMock();
    const added = await admin('POST', '/faults', {
      kind: 'status',
      status: 503,
      match: { report: 'SupportSession' },
      times: 1,
    });
    expect(added.status).toBe(201);
    expect(added.json).toEqual({
      kind: 'status',
      status: 503,
      match: { report: 'SupportSession' },
      times: 1,
      id: 'f1',
      calls: 0,
      applied: 0,
    });
    await admin('POST', '/faults', { kind: 'latency', ms: [1, 2] });
    expect((await admin('GET', '/faults')).json.map((r: { id: string }) => r.id)).toEqual([
      'f1',
      'f2',
    ]);
    expect((await admin('DELETE', '/faults/f1')).json.id).toBe('f1');
    expect(await admin('DELETE', '/faults/f1')).toMatchObject({
      status: 404,
      json: { error: 'no_such_rule' },
    });
    expect((await admin('DELETE', '/faults')).json).toEqual({ cleared: 1 });
    expect((await admin('GET', '/faults')).json).toEqual([]);
  });

  it.each([
    [{ kind: 'explode' }, 'kind'],
    [{ kind: 'status', status: 501 }, 'status'],
    [{ kind: 'latency' }, 'ms'],
    [{ kind: 'latency', ms: [5, 1] }, 'ms'],
    [{ kind: 'truncate', at: 2 }, 'at'],
    [{ kind: 'truncate', framing: 'half' }, 'framing'],
    [{ kind: 'invalid_chars', char: 'ab' }, 'char'],
    [{ kind: 'html_page', status: 500 }, 'status'],
    [{ kind: 'doctype_entity', url: 'file:///etc/passwd' }, 'url'],
    [{ kind: 'reset', match: { nth: [0] } }, 'match.nth[0]'],
    [{ kind: 'reset', match: { probability: 1.5 } }, 'match.probability'],
    [{ kind: 'reset', times: 0 }, 'times'],
    [{ kind: 'reset', ms: 5 }, 'ms'],
  ])('rule %j is refused naming %s', async (rule, field) => {
    await adminMock();
    const res = await admin('POST', '/faults', rule);
    expect(res.status).toBe(400);
    expect(res.json.field).toBe(field);
  });
});

describe('settings and tokens', () => {
  it('shows and changes runtime settings, refusing bad values', async () => {
    await adminMock({ settings: { rateLimit: { perSecond: 20, perHour: 15_000 } } });
    expect((await admin('GET', '/settings')).json).toEqual({
      settleSeconds: 0,
      keepalive: 'close',
      rateLimit: { perSecond: 20, perHour: 15_000 },
      expiresIn: 3600,
    });
    const changed = await admin('PATCH', '/settings', {
      settleSeconds: 10,
      rateLimit: { perSecond: 5 },
    });
    expect(changed.json).toMatchObject({
      settleSeconds: 10,
      rateLimit: { perSecond: 5, perHour: 15_000 },
    });
    expect(mock.state.settings.settleSeconds).toBe(10);
    expect((await admin('PATCH', '/settings', { keepalive: 'sometimes' })).json.field).toBe(
      'keepalive',
    );
    expect((await admin('PATCH', '/settings', { rateLimit: { perHour: 0 } })).json.field).toBe(
      'rateLimit.perHour',
    );
    expect((await admin('PATCH', '/settings', { layout: 'pretty' })).json.field).toBe('layout');
  });

  it('revoking tokens makes every live token fail with 401', async () => {
    await adminMock();
    const token = await mock.token();
    await admin('DELETE', '/tokens');
    const res = await mock.app.inject({
      url: '/api/command?action=get_api_info',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(401);
  });
});

describe('reset', () => {
  it('puts pins, tokens, journal, clock, faults and settings back as they were at start', async () => {
    await adminMock();
    const token = await mock.token();
    const pinned = (await admin('POST', '/sessions', {})).json;
    await admin('POST', '/faults', { kind: 'status', status: 500, match: { path: '/nowhere' } });
    await admin('PATCH', '/settings', { settleSeconds: 30, keepalive: 'allow' });
    await admin('POST', '/clock/advance', { seconds: 3600 });
    await admin('POST', '/clock/resume');

    const res = await admin('POST', '/reset');
    expect(res.json).toMatchObject({ reset: true, clock: { now: NOW, frozen: true } });
    expect((await admin('GET', '/faults')).json).toEqual([]);
    expect((await admin('GET', '/sessions')).json).toEqual([]);
    expect((await admin('GET', '/journal')).json).toEqual([]);
    expect((await admin('GET', '/settings')).json).toMatchObject({
      settleSeconds: 0,
      keepalive: 'close',
    });
    const old = await mock.app.inject({
      url: '/api/command?action=get_api_info',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(old.statusCode).toBe(401);
    expect((await listing(NOW - 1000)).body).not.toContain(pinned.lsid);
  });
});

describe('the bounds of the appliance clock', () => {
  it('refuses to set or advance the clock past 2100, with a field error and no change', async () => {
    await adminMock();
    const far = await admin('PUT', '/clock', { now: 99_999_999_999_999_999 });
    expect(far.status).toBe(400);
    expect(far.json.field).toBe('now');
    const late = await admin('POST', '/clock/advance', { seconds: LATEST_CLOCK });
    expect(late.status).toBe(400);
    expect(mock.state.clock.now()).toBe(NOW);
    const report = await mock.report({ generate_report: 'ArchiveListing', date: '2025-12-02' });
    expect(report.statusCode).toBe(200);
  });

  it('refuses a start time outside 1970 to 2100 before anything is built', async () => {
    await expect(testMock({ now: 99_999_999_999_999_999 })).rejects.toThrow(/BAD_OPTION/);
    expect(() => new Clock({ now: -1 })).toThrow(RangeError);
  });
});

describe('admin request bodies', () => {
  it('refuses a null session body, an unreadable reset body and min above max, naming the field', async () => {
    await adminMock();
    const nullBody = await admin('POST', '/sessions', 'null');
    expect(nullBody.status).toBe(400);
    expect(nullBody.json.field).toBe('body');
    const broken = await admin('POST', '/reset', '{');
    expect(broken.status).toBe(400);
    expect(broken.json.error).toBe('bad_json');
    const inverted = await admin('POST', '/journal/verify', { match: {}, min: 3, max: 1 });
    expect(inverted.status).toBe(400);
    expect(inverted.json.field).toBe('max');
    expect((await admin('POST', '/reset')).status).toBe(200);
    expect((await admin('POST', '/sessions', {})).status).toBe(201);
  });
});
