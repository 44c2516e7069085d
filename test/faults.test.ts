import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Rng } from '../generators/rng.js';
import { startMockAppliance, type MockAppliance } from '../index.js';
import { FAULT_STATUS_PAGES } from '../server/errors.js';
import { addDoctypeEntity, ENTITY_NAME } from '../server/faults/body.js';
import { NOT_FOUND_PAGE } from '../server/routes/not-found.js';
import libxml from 'libxmljs2';
import { HARDENED_PARSE, parseHardened } from '../schemas/validator.js';
import { expectValid, NOW, testMock, type TestMock } from './helpers.js';

const HOUR_AGO = { generate_report: 'SupportSession', end_time: NOW - 3600, duration: 0 };

let mocks: { close(): Promise<void> }[] = [];
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(mocks.map((m) => m.close()));
  mocks = [];
});

async function mockWith(options = {}): Promise<TestMock> {
  const mock = await testMock(options);
  mocks.push(mock);
  return mock;
}

async function socketMock(): Promise<MockAppliance> {
  const mock = await startMockAppliance({ now: NOW, frozenClock: true });
  mocks.push(mock);
  return mock;
}

/** A reporting request with a valid token, answered as is (no XSD check: faults break bodies). */
async function call(mock: TestMock, params: Record<string, string | number>, token?: string) {
  const query = new URLSearchParams(
    Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]),
  );
  return mock.app.inject({
    method: 'GET',
    url: `/api/reporting?${query}`,
    headers: { authorization: `Bearer ${token ?? (await mock.token())}` },
  });
}

/** A raw GET over a fresh connection: status, headers, the bytes received and how it ended. */
function rawGet(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number | null; body: string; ended: 'complete' | 'cut' | 'reset' }>(
    (resolve) => {
      const chunks: Buffer[] = [];
      let status: number | null = null;
      const req = http.get(url, { headers, agent: false }, (res) => {
        status = res.statusCode ?? null;
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status, body: Buffer.concat(chunks).toString(), ended: 'complete' }),
        );
        res.on('error', () =>
          resolve({ status, body: Buffer.concat(chunks).toString(), ended: 'cut' }),
        );
      });
      req.on('error', (err: NodeJS.ErrnoException) =>
        resolve({
          status,
          body: Buffer.concat(chunks).toString(),
          ended: err.code === 'ECONNRESET' && status === null ? 'reset' : 'cut',
        }),
      );
    },
  );
}

describe('latency', () => {
  it('a fixed latency holds the answer back for exactly its milliseconds', async () => {
    const mock = await mockWith();
    const token = await mock.token();
    mock.admin.addFault({ kind: 'latency', ms: 250 });
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    let settled = false;
    const pending = call(mock, HOUR_AGO, token).then((res) => ((settled = true), res));
    await vi.advanceTimersByTimeAsync(249);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const res = await pending;
    expect(res.statusCode).toBe(200);
    expectValid(res.body);
  });

  it('a latency range draws its delay from the rule seed', async () => {
    const mock = await mockWith();
    const token = await mock.token();
    mock.admin.addFault({ kind: 'latency', ms: [100, 900], seed: 42 });
    const delay = new Rng(42).int(100, 900);
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    let settled = false;
    const pending = call(mock, HOUR_AGO, token).then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(delay - 1);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await pending;
    expect(mock.state.journal.list({ fault: 'latency' })).toHaveLength(1);
  });
});

describe('status faults', () => {
  it.each([500, 502, 503, 504] as const)(
    'status %i answers the web server error page',
    async (status) => {
      const mock = await mockWith();
      const token = await mock.token();
      mock.admin.addFault({ kind: 'status', status });
      const res = await call(mock, HOUR_AGO, token);
      expect(res.statusCode).toBe(status);
      expect(res.headers['content-type']).toBe('text/html; charset=UTF-8');
      expect(res.body).toContain(`<title>${status} ${FAULT_STATUS_PAGES[status]}</title>`);
    },
  );

  it('status 429 answers the appliance rate-limit error with Retry-After', async () => {
    const mock = await mockWith();
    const token = await mock.token();
    mock.admin.addFault({ kind: 'status', status: 429, retryAfter: 7 });
    const res = await call(mock, HOUR_AGO, token);
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBe('7');
    expect(expectValid(res.body)).toBe('error');
    expect(res.body).toContain('>Rate limit exceeded.</error>');
  });
});

describe('html pages', () => {
  it.each([200, 404] as const)(
    'html_page %i answers the Document Not Found page',
    async (status) => {
      const mock = await mockWith();
      const token = await mock.token();
      mock.admin.addFault({ kind: 'html_page', status });
      const res = await call(mock, HOUR_AGO, token);
      expect(res.statusCode).toBe(status);
      expect(res.headers['content-type']).toBe('text/html; charset=UTF-8');
      expect(res.body).toBe(NOT_FOUND_PAGE);
    },
  );
});

describe('body faults', () => {
  it('invalid_chars puts U+0008 inside primary_customer and nothing else changes', async () => {
    const mock = await mockWith();
    const token = await mock.token();
    const clean = (await call(mock, HOUR_AGO, token)).body;
    mock.admin.addFault({ kind: 'invalid_chars' });
    const res = await call(mock, HOUR_AGO, token);
    expect(res.body).toMatch(/<primary_customer gsnumber="\d+">\u0008/);
    expect(res.body.replace('\u0008', '')).toBe(clean);
    expect('document' in parseHardened(res.body)).toBe(false);
  });

  it('truncate with complete framing sends a well-framed body cut inside an element', async () => {
    const mock = await mockWith();
    const token = await mock.token();
    const clean = (await call(mock, HOUR_AGO, token)).body;
    mock.admin.addFault({ kind: 'truncate', at: 0.5, framing: 'complete' });
    const res = await call(mock, HOUR_AGO, token);
    expect(res.statusCode).toBe(200);
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.body));
    expect(res.body.length).toBeLessThan(clean.length);
    expect(clean.startsWith(res.body)).toBe(true);
    // The cut falls inside a start tag: the last `<` has no `>` after it.
    expect(res.body.slice(res.body.lastIndexOf('<'))).not.toContain('>');
    expect('document' in parseHardened(res.body)).toBe(false);
  });

  it('truncate with abort framing cuts the connection in the middle of the body', async () => {
    const mock = await socketMock();
    const headers = { authorization: `Bearer ${mock.issueToken()}` };
    const url = `${mock.reportingUrl}?${new URLSearchParams(Object.entries(HOUR_AGO).map(([k, v]): [string, string] => [k, String(v)]))}`;
    const clean = await rawGet(url, headers);
    mock.faults.add({ kind: 'truncate', at: 0.5, framing: 'abort' });
    const cut = await rawGet(url, headers);
    expect(clean.ended).toBe('complete');
    expect(cut.status).toBe(200);
    expect(cut.ended).toBe('cut');
    expect(cut.body.length).toBeGreaterThan(0);
    expect(cut.body.length).toBeLessThan(clean.body.length);
    expect(clean.body.startsWith(cut.body)).toBe(true);
    const [entry] = mock.journal.list({ fault: 'truncate' });
    expect(entry?.bytes).toBe(Buffer.byteLength(cut.body));
  });

  it('doctype_entity declares an external entity that a hardened parser never fetches', async () => {
    let fetched = 0;
    const target = http.createServer((_req, res) => {
      fetched++;
      res.end('ENTITY-TEXT');
    });
    target.listen(0, '127.0.0.1');
    await once(target, 'listening');
    const entityUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/entity`;
    try {
      const mock = await mockWith();
      const token = await mock.token();
      const clean = (await call(mock, HOUR_AGO, token)).body;
      mock.admin.addFault({ kind: 'doctype_entity', url: entityUrl });
      const res = await call(mock, HOUR_AGO, token);
      expect(res.body).toContain(
        `<!DOCTYPE session_list [\n<!ENTITY ${ENTITY_NAME} SYSTEM "${entityUrl}">\n]>`,
      );
      expect(res.body).toContain(`&${ENTITY_NAME};`);
      expect(res.body).toBe(addDoctypeEntity(clean, entityUrl));
      // The kit's parser refuses any DTD outright; libxml2 with the same hardened options reads
      // the document without substituting or fetching the entity.
      const parsed = parseHardened(res.body);
      expect('document' in parsed ? 'parsed' : parsed.stage).toBe('dtd');
      const document = libxml.parseXml(res.body, HARDENED_PARSE);
      expect(document.root()?.name()).toBe('session_list');
      expect(document.toString()).not.toContain('ENTITY-TEXT');
      expect(fetched).toBe(0);
    } finally {
      target.close();
    }
  });
});

describe('connection faults', () => {
  it('reset answers with a TCP reset and no status', async () => {
    const mock = await socketMock();
    mock.faults.add({ kind: 'reset' });
    const res = await rawGet(
      `${mock.reportingUrl}?generate_report=SupportSession&end_time=0&duration=0`,
      {
        authorization: `Bearer ${mock.issueToken()}`,
      },
    );
    expect(res.ended).toBe('reset');
    const [entry] = mock.journal.list({ fault: 'reset' });
    expect(entry?.status).toBeNull();
    expect(entry?.bytes).toBe(0);
  });

  it('keepalive reset answers the first request on a connection and resets the second', async () => {
    const mock = await socketMock();
    mock.settings.update({ keepalive: 'reset' });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const token = mock.issueToken();
    const get = () =>
      new Promise<{ status?: number; error?: string }>((resolve) => {
        http
          .get(
            `${mock.url}/api/command?action=get_api_info`,
            { agent, headers: { authorization: `Bearer ${token}` } },
            (res) => {
              res.resume();
              res.on('end', () => resolve({ status: res.statusCode }));
            },
          )
          .on('error', (err: NodeJS.ErrnoException) => resolve({ error: err.code }));
      });
    const first = await get();
    const second = await get();
    agent.destroy();
    expect(first.status).toBe(200);
    expect(second.error).toBe('ECONNRESET');
    expect(mock.journal.list({ fault: 'keepalive_reset' })).toHaveLength(1);
  });

  it('keepalive close sends Connection: close on every answer', async () => {
    const mock = await mockWith();
    const res = await call(mock, HOUR_AGO);
    expect(res.headers.connection).toBe('close');
  });
});

describe('token revoked mid-run', () => {
  it('revoke_token makes the presented token fail with 401 from then on; a new token works', async () => {
    const mock = await mockWith();
    const token = await mock.token();
    mock.admin.addFault({ kind: 'revoke_token', times: 1 });
    const res = await call(mock, HOUR_AGO, token);
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    expect((await call(mock, HOUR_AGO, token)).statusCode).toBe(401);
    expect((await call(mock, HOUR_AGO)).statusCode).toBe(200);
    const [entry] = mock.state.journal.list({ fault: 'revoke_token' });
    expect(entry?.account).toBe(mock.state.accounts[0]!.clientId);
  });
});

describe('settling and late arrival', () => {
  it('a runtime settle delay keeps end_time empty until it has passed', async () => {
    const mock = await mockWith();
    mock.admin.updateSettings({ settleSeconds: 30 });
    const session = mock.admin.addSession({});
    const detail = () => mock.report({ generate_report: 'SupportSession', lsid: session.lsid });
    const ended = () =>
      mock.report({ generate_report: 'SupportSessionListing', end_time: NOW - 60, duration: 0 });
    expect((await detail()).body).toContain('<end_time></end_time>');
    expect((await ended()).body).not.toContain(session.lsid);
    mock.admin.advanceClock({ seconds: 30 });
    expect((await detail()).body).toContain(`<end_time timestamp="${session.end}">`);
    expect((await ended()).body).toContain(session.lsid);
  });

  it('a late session becomes visible after a later one, at its visibleAt', async () => {
    const mock = await mockWith();
    const late = mock.admin.addSession({ end: NOW - 120, durationSeconds: 300, visibleIn: 60 });
    const prompt = mock.admin.addSession({ end: NOW - 30, durationSeconds: 300 });
    const listing = () =>
      mock.report({ generate_report: 'SupportSessionListing', end_time: NOW - 600, duration: 0 });
    const before = (await listing()).body;
    expect(before).toContain(prompt.lsid);
    expect(before).not.toContain(late.lsid);
    mock.admin.advanceClock({ seconds: 60 });
    const after = (await listing()).body;
    expect(after.indexOf(late.lsid)).toBeGreaterThan(-1);
    // Listed in end order: the late session ended first, so it now comes before the other.
    expect(after.indexOf(late.lsid)).toBeLessThan(after.indexOf(prompt.lsid));
  });
});

describe('rule matching', () => {
  it('a report filter leaves other reports and the token endpoint alone', async () => {
    const mock = await mockWith();
    const token = await mock.token();
    mock.admin.addFault({ kind: 'status', status: 500, match: { report: 'SupportSession' } });
    expect(
      (await call(mock, { ...HOUR_AGO, generate_report: 'SupportSessionListing' }, token))
        .statusCode,
    ).toBe(200);
    expect((await call(mock, HOUR_AGO, token)).statusCode).toBe(500);
    expect(await mock.token()).toMatch(/^[A-Za-z0-9]{40}$/);
  });

  it('nth fires on the listed matching calls only, and times caps the applications', async () => {
    const mock = await mockWith();
    const token = await mock.token();
    mock.admin.addFault({ kind: 'status', status: 503, match: { nth: [2, 4, 5] }, times: 2 });
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await call(mock, HOUR_AGO, token)).statusCode);
    expect(statuses).toEqual([200, 503, 200, 503, 200, 200]);
    expect(mock.admin.faults()[0]).toMatchObject({ calls: 6, applied: 2 });
  });

  it('a path filter with * matches by prefix', async () => {
    const mock = await mockWith();
    mock.admin.addFault({
      kind: 'html_page',
      status: 404,
      match: { path: '/api/*', method: 'POST' },
    });
    const token = await mock.token();
    expect((await call(mock, HOUR_AGO, token)).statusCode).toBe(200);
    const post = await mock.app.inject({
      method: 'POST',
      url: '/api/reporting',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: 'generate_report=SupportSession&end_time=0&duration=0',
    });
    expect(post.statusCode).toBe(404);
  });

  it('a probability rule fires on the same calls for the same seed', async () => {
    const pattern = async () => {
      const mock = await mockWith();
      const token = await mock.token();
      mock.admin.addFault({ kind: 'status', status: 500, match: { probability: 0.5 }, seed: 7 });
      const out: boolean[] = [];
      for (let i = 0; i < 12; i++) out.push((await call(mock, HOUR_AGO, token)).statusCode === 500);
      return out;
    };
    const rng = new Rng(7);
    const expected = Array.from({ length: 12 }, () => rng.chance(0.5));
    expect(await pattern()).toEqual(expected);
    expect(await pattern()).toEqual(expected);
    expect(expected).toContain(true);
    expect(expected).toContain(false);
  });

  it('the first rule that fires wins, so a request gets one fault', async () => {
    const mock = await mockWith();
    const token = await mock.token();
    mock.admin.addFault({ kind: 'status', status: 502 });
    mock.admin.addFault({ kind: 'status', status: 504 });
    expect((await call(mock, HOUR_AGO, token)).statusCode).toBe(502);
    expect(mock.admin.faults().map((r) => r.calls)).toEqual([1, 0]);
  });
});
