import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XML_DECLARATION } from '../server/xml/layout.js';
import { NAMESPACES } from '../server/settings.js';
import { NOW, attributeValues, expectValid, testMock, type TestMock } from './helpers.js';

const DAY = 86_400;
const USER = { username: 'helpdesk', password: 'p+ss/word=' };
const BOMGAR = NAMESPACES.bomgar;
/** The whole body of a failed legacy login: no namespace, no period (spec §7.2, §9). */
const LOGIN_FAILED = `${XML_DECLARATION}\n\n<error>Login failed</error>\n\n\n\n`;

function query(params: Record<string, string | number>): string {
  return new URLSearchParams(
    Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]),
  ).toString();
}

describe('profile=legacy: /api/reporting.ns and user credentials', () => {
  let mock: TestMock;
  let lsids: string[];

  beforeAll(async () => {
    mock = await testMock({ settings: { profile: 'legacy' }, legacyUsers: [USER] });
    const listing = await mock.report({
      generate_report: 'SupportSessionListing',
      start_time: NOW - DAY,
      duration: 0,
    });
    lsids = attributeValues(listing.body, 'session_summary', 'lsid');
    expect(lsids.length).toBeGreaterThan(0);
  });
  afterAll(() => mock.close());

  it('a wrong password gets 200 and the bare <error>Login failed</error>', async () => {
    const res = await mock.app.inject({
      url: `/api/reporting.ns?${query({ ...USER, password: 'wrong', generate_report: 'SupportSession', lsid: lsids[0]! })}`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(LOGIN_FAILED);
    expectValid(res.body);
  });

  it('an unknown user, a missing password, or no credentials at all get Login failed too', async () => {
    const attempts: Record<string, string>[] = [
      { username: 'nobody', password: USER.password },
      { username: USER.username },
      {},
    ];
    for (const params of attempts) {
      const res = await mock.app.inject({
        url: `/api/reporting.ns?${query({ ...params, generate_report: 'SupportSession', lsid: lsids[0]! })}`,
      });
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe(LOGIN_FAILED);
    }
  });

  it('valid credentials by GET or POST give data in the bomgar.com namespace, valid against the served schema', async () => {
    const get = await mock.app.inject({
      url: `/api/reporting.ns?${query({ ...USER, generate_report: 'SupportSession', lsid: lsids[0]! })}`,
    });
    const post = await mock.app.inject({
      method: 'POST',
      url: '/api/reporting.ns',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: query({ ...USER, generate_report: 'SupportSession', lsid: lsids[0]! }),
    });
    for (const res of [get, post]) {
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(`<session_list xmlns="${BOMGAR}"`);
      expect(attributeValues(res.body, 'session', 'lsid')).toEqual([lsids[0]]);
      expectValid(res.body, BOMGAR);
    }
  });

  it('keys system_information fields by @id, as old appliances did', async () => {
    const res = await mock.app.inject({
      url: `/api/reporting.ns?${query({ ...USER, generate_report: 'SupportSession', start_time: NOW - 3 * DAY, duration: 0 })}`,
    });
    expectValid(res.body, BOMGAR);
    expect(res.body).toContain('<system_information>');
    expect(res.body).toMatch(/<field id="[^"]+">/);
    expect(res.body).not.toMatch(/<field name="/);
  });

  it('accepts username/password on /api/reporting as well', async () => {
    const res = await mock.app.inject({
      url: `/api/reporting?${query({ ...USER, generate_report: 'SupportSessionListing', start_time: NOW - DAY, duration: 0 })}`,
    });
    expect(res.statusCode).toBe(200);
    expect(attributeValues(res.body, 'session_summary', 'lsid')).toEqual(lsids);
    const bad = await mock.app.inject({
      url: `/api/reporting?${query({ ...USER, password: 'x', generate_report: 'SupportSessionListing', start_time: NOW - DAY, duration: 0 })}`,
    });
    expect(bad.body).toBe(LOGIN_FAILED);
  });

  it('accepts a Bearer token on the legacy endpoint, and refuses a bad one with 401', async () => {
    const token = await mock.token();
    const path = `/api/reporting.ns?${query({ generate_report: 'SupportSession', lsid: lsids[0]! })}`;
    const ok = await mock.app.inject({ url: path, headers: { authorization: `Bearer ${token}` } });
    expect(attributeValues(ok.body, 'session', 'lsid')).toEqual([lsids[0]]);
    const bad = await mock.app.inject({ url: path, headers: { authorization: 'Bearer nope' } });
    expect(bad.statusCode).toBe(401);
  });

  it('a legacy user without the support right gets Permission denied', async () => {
    const limited = await testMock({
      settings: { profile: 'legacy' },
      legacyUsers: [{ username: 'viewer', password: 'pw', permissions: { support: false } }],
    });
    const res = await limited.app.inject({
      url: `/api/reporting.ns?${query({ username: 'viewer', password: 'pw', generate_report: 'SupportSession', lsid: lsids[0]! })}`,
    });
    expect(res.body).toContain(`<error xmlns="${BOMGAR}">Permission denied.</error>`);
    await limited.close();
  });
});

describe('outside profile=legacy', () => {
  let mock: TestMock;
  beforeAll(async () => {
    mock = await testMock({ legacyUsers: [USER] });
  });
  afterAll(() => mock.close());

  it('/api/reporting.ns is 404 "Document Not Found", with or without credentials and for any method', async () => {
    for (const init of [
      {
        url: `/api/reporting.ns?${query({ ...USER, generate_report: 'SupportSession', start_time: 0, duration: 0 })}`,
      },
      { url: '/api/reporting.ns' },
      { method: 'POST' as const, url: '/api/reporting.ns' },
      { method: 'PUT' as const, url: '/api/reporting.ns' },
    ]) {
      const res = await mock.app.inject(init);
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain('<title>Document Not Found</title>');
    }
  });

  it('username/password on /api/reporting are ignored: without a Bearer token the answer is 401', async () => {
    const res = await mock.app.inject({
      url: `/api/reporting?${query({ ...USER, generate_report: 'SupportSession', start_time: 0, duration: 0 })}`,
    });
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
  });
});
