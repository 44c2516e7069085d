import { describe, expect, it } from 'vitest';
import { Journal } from '../server/journal/journal.js';
import { NOW, testMock } from './helpers.js';

describe('the request journal', () => {
  it('records each answered request with its facts and the body bytes sent', async () => {
    const mock = await testMock();
    const res = await mock.report({
      generate_report: 'SupportSessionListing',
      end_time: NOW - 3600,
      duration: 0,
    });
    const [token, report] = mock.state.journal.list();
    expect(token).toMatchObject({
      id: 1,
      method: 'POST',
      path: '/oauth2/token',
      status: 200,
      account: null,
    });
    expect(report).toEqual({
      id: 2,
      time: NOW,
      receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      method: 'GET',
      path: '/api/reporting',
      report: 'SupportSessionListing',
      params: {
        generate_report: 'SupportSessionListing',
        end_time: String(NOW - 3600),
        duration: '0',
      },
      status: 200,
      contentType: 'text/xml; charset=UTF-8',
      bytes: Buffer.byteLength(res.body),
      account: mock.state.accounts[0]!.clientId,
      fault: null,
      rule: null,
    });
    await mock.close();
  });

  it('keeps no secret: secret parameters are redacted and headers are not recorded', async () => {
    const mock = await testMock();
    const token = await mock.token();
    await mock.app.inject({
      method: 'POST',
      url: `/api/reporting?access_token=${token}`,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload:
        'generate_report=SupportSession&username=u&password=hunter2&client_secret=s3cret&lsid=x',
    });
    const entry = mock.state.journal.list({ method: 'POST', path: '/api/reporting' })[0]!;
    expect(entry.params).toMatchObject({
      password: '[redacted]',
      client_secret: '[redacted]',
      access_token: '[redacted]',
      username: 'u',
    });
    const everything = JSON.stringify(mock.state.journal.list());
    for (const secret of [token, 'hunter2', 's3cret', mock.state.accounts[0]!.clientSecret]) {
      expect(everything).not.toContain(secret);
    }
    await mock.close();
  });

  it('records requests refused before any route: unknown paths and bad tokens', async () => {
    const mock = await testMock();
    await mock.app.inject({ url: '/api/reporting/v1/sessions' });
    await mock.app.inject({
      url: '/api/reporting?generate_report=SupportSession',
      headers: { authorization: 'Bearer nope' },
    });
    expect(mock.state.journal.list().map((e) => [e.path, e.status, e.account])).toEqual([
      ['/api/reporting/v1/sessions', 404, null],
      ['/api/reporting', 401, null],
    ]);
    await mock.close();
  });

  it('keeps at most its limit, dropping the oldest', async () => {
    const mock = await testMock({ journalLimit: 2 });
    for (let i = 0; i < 4; i++) await mock.app.inject({ url: `/nowhere/${i}` });
    expect(mock.state.journal.list().map((e) => e.path)).toEqual(['/nowhere/2', '/nowhere/3']);
    await mock.close();
  });

  it('verifies counts with bounds and sequences in order', () => {
    const journal = new Journal();
    const base = {
      time: 0,
      receivedAt: '',
      method: 'GET',
      params: {},
      contentType: null,
      bytes: 0,
      account: null,
      rule: null,
    };
    for (const [path, status, fault] of [
      ['/a', 200, null],
      ['/b', 500, 'status'],
      ['/a', 200, null],
    ] as const) {
      journal.record({ ...base, path, report: null, status, fault });
    }
    expect(journal.verify({ match: { path: '/a' }, count: 2 }).ok).toBe(true);
    expect(journal.verify({ match: { path: '/a' }, max: 1 }).ok).toBe(false);
    expect(journal.verify({ match: { fault: 'none' }, min: 2, max: 2 }).ok).toBe(true);
    expect(
      journal.verify({ sequence: [{ path: '/a' }, { status: 500 }, { path: '/a' }] }),
    ).toMatchObject({ ok: true, ids: [1, 2, 3] });
    expect(journal.verify({ sequence: [{ status: 500 }, { path: '/b' }] })).toMatchObject({
      ok: false,
      matchedSteps: 1,
    });
  });
});
