import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type RunningMock } from '../server/listen.js';
import { NOW, NS, expectValid, testMock, type TestMock } from './helpers.js';

let mock: TestMock;
beforeAll(async () => {
  mock = await testMock();
});
afterAll(() => mock.close());

const WINDOW = {
  generate_report: 'SupportSessionListing',
  start_time: NOW - 86_400,
  duration: 86_400,
};

describe('request forms of /api/reporting', () => {
  it('answers GET with query, POST with a form body and POST with only a query identically', async () => {
    const get = await mock.report(WINDOW);
    const post = await mock.report(WINDOW, { method: 'POST' });
    const token = await mock.token();
    const query = new URLSearchParams(
      Object.entries(WINDOW).map(([k, v]): [string, string] => [k, String(v)]),
    );
    const postQuery = await mock.app.inject({
      method: 'POST',
      url: `/api/reporting?${query}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(get.statusCode).toBe(200);
    expect(get.body).toContain('<session_summary ');
    expect(post.body).toBe(get.body);
    expect(postQuery.body).toBe(get.body);
  });

  it('lets the body value win when a name is both in the query and the body', async () => {
    const token = await mock.token();
    const res = await mock.app.inject({
      method: 'POST',
      url: `/api/reporting?generate_report=SupportSessionListing&start_time=${NOW - 86_400}&duration=P1D`,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: 'duration=86400',
    });
    expect(res.body).toBe((await mock.report(WINDOW)).body);
  });

  it('keeps the last value of a repeated parameter', async () => {
    const res = await mock.report({ ...WINDOW, duration: 'P1D' }, {});
    expect(res.body).toContain('Invalid value for parameter duration.');
    const token = await mock.token();
    const repeated = await mock.app.inject({
      url: `/api/reporting?generate_report=SupportSessionListing&start_time=${NOW - 86_400}&duration=P1D&duration=86400`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(repeated.body).toBe((await mock.report(WINDOW)).body);
  });

  it('ignores a multipart body: without query parameters the report type is missing', async () => {
    const token = await mock.token();
    const boundary = 'XyZ';
    const payload = `--${boundary}\r\nContent-Disposition: form-data; name="generate_report"\r\n\r\nSupportSessionListing\r\n--${boundary}--\r\n`;
    const res = await mock.app.inject({
      method: 'POST',
      url: '/api/reporting',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload,
    });
    expect(res.statusCode).toBe(200);
    expect(expectValid(res.body)).toBe('error');
    expect(res.body).toContain('>Invalid report type.</error>');
  });

  it('ignores a JSON body on POST the same way', async () => {
    const token = await mock.token();
    const res = await mock.app.inject({
      method: 'POST',
      url: '/api/reporting',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: JSON.stringify(WINDOW),
    });
    expect(res.body).toContain('>Invalid report type.</error>');
  });

  it('returns XML whatever Accept and Content-Type a GET carries', async () => {
    const res = await mock.report(WINDOW, {
      headers: { accept: 'application/json', 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/xml; charset=UTF-8');
  });

  it('tolerates unknown and redundant parameters', async () => {
    const plain = await mock.report(WINDOW);
    const extra = await mock.report({ ...WINDOW, foo: 'bar', limit: 'x', end_time: 'ignored' });
    expect(extra.body).toBe(plain.body);
    // Several anchors: start_date comes first (spec §6.4), the others are ignored.
    const dateOnly = await mock.report({
      generate_report: 'SupportSessionListing',
      start_date: '2025-12-02',
      duration: 1,
    });
    const both = await mock.report({
      generate_report: 'SupportSessionListing',
      start_date: '2025-12-02',
      start_time: NOW - 60,
      duration: 1,
    });
    expect(dateOnly.body).toContain('<session_summary ');
    expect(both.body).toBe(dateOnly.body);
  });

  it('answers a missing, empty, unknown or wrongly cased report type with Invalid report type.', async () => {
    for (const params of [
      {},
      { generate_report: '' },
      { generate_report: 'Nope' },
      { generate_report: 'supportsession' },
      { report_type: 'SupportSession' },
    ]) {
      const res = await mock.report(params as Record<string, string>);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(`<error xmlns="${NS}">Invalid report type.</error>`);
    }
  });

  it('answers other methods, HEAD and TRACE included, with 405 and Allow: GET, POST', async () => {
    const token = await mock.token();
    for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE'] as const) {
      const res = await mock.app.inject({
        method,
        url: `/api/reporting?generate_report=SupportSession&start_time=0&duration=0`,
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.statusCode, method).toBe(405);
      expect(res.headers.allow).toBe('GET, POST');
    }
  });

  it('answers unknown paths, REST-style sub-paths and legacy .ns paths with the HTML Document Not Found page', async () => {
    for (const url of [
      '/api/reporting/v1/support-sessions',
      '/nope',
      '/api/reporting.ns?generate_report=SupportSession',
      '/api',
    ]) {
      const res = await mock.app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain('<title>Document Not Found</title>');
    }
  });

  it('serves the schema without authentication', async () => {
    const res = await mock.app.inject({ url: '/api/reporting.xsd' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`targetNamespace="${NS}"`);
  });

  it('sends Connection: close on every response, errors included', async () => {
    const responses = [
      await mock.report(WINDOW),
      await mock.report({ generate_report: 'Nope' }),
      await mock.app.inject({ url: '/api/reporting' }),
      await mock.app.inject({ url: '/nope' }),
    ];
    for (const res of responses) expect(res.headers.connection).toBe('close');
  });

  it('reports get_api_info with the appliance clock', async () => {
    const token = await mock.token();
    const res = await mock.app.inject({
      url: '/api/command?action=get_api_info',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.body).toContain(`<timestamp>${NOW}</timestamp>`);
    expect(res.body).toContain('<permission name="perm_reporting_support">1</permission>');
    const bad = await mock.app.inject({
      url: '/api/command?action=nope',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(bad.body).toContain('>Invalid action</error>');
  });
});

describe('connections on a real socket', () => {
  let running: RunningMock;
  beforeAll(async () => {
    running = await listen({ seed: 1, now: NOW, frozenClock: true, port: 0 });
  });
  afterAll(() => running.close());

  it('closes the socket after the response even when the client asks for keep-alive', async () => {
    const { port } = new URL(running.url);
    const closed = await new Promise<{ header: string | undefined; closed: boolean }>(
      (resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port,
            path: '/api/reporting.xsd',
            headers: { connection: 'keep-alive' },
          },
          (res) => {
            res.resume();
            res.on('end', () => {
              const socket = req.socket!;
              const header = res.headers.connection;
              if (socket.destroyed) resolve({ header, closed: true });
              else socket.once('close', () => resolve({ header, closed: true }));
            });
          },
        );
        req.on('error', reject);
        req.end();
      },
    );
    expect(closed).toEqual({ header: 'close', closed: true });
  });
});

describe('bodies the appliance cannot read', () => {
  it('are ignored, not refused with 415, even when the Content-Type is not a media type', async () => {
    const m = await testMock();
    const token = await m.token();
    for (const type of [';;;', 'garbage', 'text/', '']) {
      const res = await m.app.inject({
        method: 'POST',
        url: `/api/reporting?generate_report=SupportSessionListing&start_time=${NOW - 86_400}&duration=0`,
        headers: { authorization: `Bearer ${token}`, 'content-type': type },
        payload: 'generate_report=Nope',
      });
      expect(res.statusCode, type).toBe(200);
      expect(expectValid(res.body), type).toBe('session_summary_list');
    }
    const tokenRes = await m.app.inject({
      method: 'POST',
      url: '/oauth2/token',
      headers: { authorization: m.basic(), 'content-type': ';;;' },
      payload: 'grant_type=client_credentials',
    });
    expect(tokenRes.statusCode).toBe(400);
    expect(JSON.parse(tokenRes.body).error).toBe('unsupported_grant_type');
    await m.close();
  });
});
