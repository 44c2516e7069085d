import { buildApp } from '../server/app.js';
import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../server/faults/rate-limiter.js';
import { DEFAULT_RATE_LIMIT, parseRateLimit, type RateLimit } from '../server/settings.js';
import { expectValid, NOW, testMock } from './helpers.js';

function limiter(limit: RateLimit) {
  let now = 1_000_000;
  const l = new RateLimiter(
    () => now,
    () => limit,
  );
  return { l, tick: (ms: number) => (now += ms) };
}

describe('the per-account rolling windows', () => {
  it('accepts perSecond requests in a second and refuses the next with Retry-After 1', () => {
    const { l, tick } = limiter({ perSecond: 20, perHour: 15_000 });
    for (let i = 0; i < 20; i++) {
      expect(l.take('a').ok).toBe(true);
      tick(10);
    }
    expect(l.take('a')).toEqual({ ok: false, retryAfter: 1 });
    expect(l.take('b').ok).toBe(true);
  });

  it('rolls: a slot frees exactly one second after the request that took it', () => {
    const { l, tick } = limiter({ perSecond: 2, perHour: 100 });
    l.take('a');
    tick(600);
    l.take('a');
    tick(399);
    expect(l.take('a').ok).toBe(false);
    tick(1);
    expect(l.take('a').ok).toBe(true);
    expect(l.take('a').ok).toBe(false);
  });

  it('the hourly window refuses with the seconds until its oldest request is an hour old', () => {
    const { l, tick } = limiter({ perSecond: 100, perHour: 3 });
    for (let i = 0; i < 3; i++) {
      l.take('a');
      tick(60_000);
    }
    // The first request was 180 s ago, so a slot frees in 3,420 s.
    expect(l.take('a')).toEqual({ ok: false, retryAfter: 3_420 });
  });

  it('refused requests do not count, and off never refuses', () => {
    const { l } = limiter({ perSecond: 1, perHour: 10 });
    l.take('a');
    for (let i = 0; i < 5; i++) expect(l.take('a').ok).toBe(false);
    const off = limiter('off');
    for (let i = 0; i < 100; i++) expect(off.l.take('a').ok).toBe(true);
  });

  it('rate limits read as off, N/s, N/h or both', () => {
    expect(parseRateLimit('off')).toBe('off');
    expect(parseRateLimit('5/s')).toEqual({ perSecond: 5, perHour: DEFAULT_RATE_LIMIT.perHour });
    expect(parseRateLimit('5/s,100/h')).toEqual({ perSecond: 5, perHour: 100 });
    expect(() => parseRateLimit('5 per second')).toThrow(/BAD_OPTION/);
    expect(() => parseRateLimit('0/s')).toThrow(/BAD_OPTION/);
  });
});

describe('rate limiting on the reporting API', () => {
  it('the default is 20 per second and 15,000 per hour per account (spec §8)', async () => {
    // testMock() turns the limiter off for speed; the appliance's own default is checked here.
    const { app, state } = await buildApp();
    expect(state.settings.rateLimit).toEqual({ perSecond: 20, perHour: 15_000 });
    await app.close();
  });

  it('over the limit answers 429, Retry-After and the appliance text; the token endpoint is not limited', async () => {
    const mock = await testMock({ settings: { rateLimit: { perSecond: 2, perHour: 100 } } });
    const params = { generate_report: 'SupportSessionListing', end_time: NOW - 3600, duration: 0 };
    expect((await mock.report(params)).statusCode).toBe(200);
    expect((await mock.report(params)).statusCode).toBe(200);
    const refused = await mock.report(params);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.headers['content-type']).toBe('text/xml; charset=UTF-8');
    expect(expectValid(refused.body)).toBe('error');
    expect(refused.body).toContain('>Rate limit exceeded.</error>');
    expect(refused.headers).not.toHaveProperty('x-ratelimit-limit');
    for (let i = 0; i < 5; i++) await mock.token();
    expect(mock.state.journal.count({ fault: 'rate_limit' })).toBe(1);
    await mock.close();
  });

  it('advancing the appliance clock by Retry-After lets the account go on', async () => {
    const mock = await testMock({ settings: { rateLimit: { perSecond: 1, perHour: 100 } } });
    const params = { generate_report: 'SupportSessionListing', end_time: NOW - 3600, duration: 0 };
    await mock.report(params);
    const refused = await mock.report(params);
    expect(refused.statusCode).toBe(429);
    mock.admin.advanceClock({ seconds: Number(refused.headers['retry-after']) });
    expect((await mock.report(params)).statusCode).toBe(200);
    await mock.close();
  });

  it('each account has its own windows', async () => {
    const mock = await testMock({
      settings: { rateLimit: { perSecond: 1, perHour: 100 } },
      accounts: [{ name: 'one' }, { name: 'two' }],
    });
    const [one, two] = mock.state.accounts;
    const get = (token: string) =>
      mock.app.inject({
        url: `/api/reporting?generate_report=SupportSessionListing&end_time=${NOW - 3600}&duration=0`,
        headers: { authorization: `Bearer ${token}` },
      });
    const t1 = mock.state.tokens.issue(one!).token;
    const t2 = mock.state.tokens.issue(two!).token;
    expect((await get(t1)).statusCode).toBe(200);
    expect((await get(t1)).statusCode).toBe(429);
    expect((await get(t2)).statusCode).toBe(200);
    await mock.close();
  });

  it('rate_limit off at runtime lifts the limit', async () => {
    const mock = await testMock({ settings: { rateLimit: { perSecond: 1, perHour: 100 } } });
    mock.admin.updateSettings({ rateLimit: 'off' });
    const params = { generate_report: 'SupportSessionListing', end_time: NOW - 3600, duration: 0 };
    for (let i = 0; i < 5; i++) expect((await mock.report(params)).statusCode).toBe(200);
    await mock.close();
  });
});
