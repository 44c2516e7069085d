import { request, type ClientRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type RunningMock } from '../server/listen.js';
import { NOW } from './helpers.js';

let mock: RunningMock;
let token: string;

beforeAll(async () => {
  mock = await listen({ seed: 1, now: NOW, frozenClock: true, port: 0, logLevel: 'silent' });
  const account = mock.state.accounts[0]!;
  const basic = Buffer.from(`${account.clientId}:${account.clientSecret}`).toString('base64');
  const res = await fetch(`${mock.url}/oauth2/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${basic}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  token = ((await res.json()) as { access_token: string }).access_token;
});

afterAll(() => mock.close());

/** A GET over the socket that records, in one shared log, when its body starts and ends. */
function get(path: string, log: string[], label: string) {
  let req!: ClientRequest;
  let bytes = 0;
  const firstBytes = new Promise<void>((resolveFirst, rejectFirst) => {
    req = request(`${mock.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    req.on('response', (res) => {
      res.on('data', (chunk: Buffer) => {
        if (bytes === 0) log.push(`${label} started`);
        bytes += chunk.length;
        resolveFirst();
      });
      res.on('end', () => log.push(`${label} ended`));
      res.on('error', () => undefined);
    });
    req.on('error', rejectFirst);
    req.end();
  });
  const ended = new Promise<number>((resolve) => {
    req.on('response', (res) => res.on('end', () => resolve(bytes)));
  });
  return { firstBytes, ended, bytes: () => bytes, abort: () => req.destroy() };
}

const TEN_YEARS = 'start_time=0&duration=0';

describe('reports over ten years stream without blocking other requests', () => {
  for (const query of [
    `generate_report=SupportTeam&${TEN_YEARS}`,
    `generate_report=LicenseUsage&${TEN_YEARS}&group_by=day`,
    `generate_report=SupportCustExitSurvey&${TEN_YEARS}&report_type=rep&id=all`,
  ]) {
    const name = query.split('&')[0]!.split('=')[1];
    it(`the schema is served while a ten-year ${name} is still streaming`, async () => {
      const log: string[] = [];
      const big = get(`/api/reporting?${query}`, log, 'report');
      await big.firstBytes;
      const small = get('/api/reporting.xsd', log, 'schema');
      const schemaBytes = await small.ended;
      const atSchemaEnd = big.bytes();
      // The report keeps making progress after the schema went out, then is dropped.
      await new Promise<void>((resolve) => {
        const check = setInterval(() => {
          if (big.bytes() > atSchemaEnd || log.includes('report ended')) {
            clearInterval(check);
            resolve();
          }
        }, 5);
      });
      big.abort();

      expect(schemaBytes).toBeGreaterThan(0);
      expect(log.slice(0, 3)).toEqual(['report started', 'schema started', 'schema ended']);
      expect(log).not.toContain('report ended');
    });
  }

  it('the server still answers after a streaming report was dropped by its client', async () => {
    const log: string[] = [];
    const small = get('/api/reporting.xsd', log, 'schema');
    expect(await small.ended).toBeGreaterThan(0);
  });
});
