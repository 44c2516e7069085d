import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockAppliance, type MockAppliance } from '../index.js';
import { bundledSchemaPath } from '../schemas/paths.js';
import { NOW } from './helpers.js';

async function token(mock: MockAppliance): Promise<string> {
  const basic = Buffer.from(
    `${mock.credentials.clientId}:${mock.credentials.clientSecret}`,
  ).toString('base64');
  const res = await fetch(mock.tokenUrl, {
    method: 'POST',
    headers: {
      authorization: `Basic ${basic}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

async function listing(mock: MockAppliance, bearer: string) {
  const res = await fetch(
    `${mock.reportingUrl}?generate_report=SupportSessionListing&end_time=${NOW - 86_400}&duration=0`,
    {
      headers: { authorization: `Bearer ${bearer}` },
    },
  );
  const body = await res.text();
  return {
    status: res.status,
    lsids: [...body.matchAll(/lsid="([0-9a-f]{32})"/g)].map((m) => m[1]!),
  };
}

describe('two embedded mocks in one process', () => {
  let a: MockAppliance;
  let b: MockAppliance;

  beforeAll(async () => {
    [a, b] = await Promise.all([
      startMockAppliance({ seed: 1, now: NOW, frozenClock: true }),
      startMockAppliance({ seed: 2, now: NOW, frozenClock: true }),
    ]);
  });
  afterAll(() => Promise.all([a.close(), b.close()]));

  it('listen on different free ports of 127.0.0.1 with their own credentials', () => {
    for (const m of [a, b]) expect(m.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(a.url).not.toBe(b.url);
    expect(a.tokenUrl).toBe(`${a.url}/oauth2/token`);
    expect(a.credentials.clientId).not.toBe(b.credentials.clientId);
  });

  it('a token of one is 401 on the other', async () => {
    const ta = await token(a);
    expect((await listing(a, ta)).status).toBe(200);
    expect((await listing(b, ta)).status).toBe(401);
  });

  it('different seeds serve different sessions', async () => {
    const la = await listing(a, await token(a));
    const lb = await listing(b, await token(b));
    expect(la.lsids.length).toBeGreaterThan(0);
    expect(lb.lsids.length).toBeGreaterThan(0);
    expect(la.lsids.filter((l) => lb.lsids.includes(l))).toEqual([]);
  });

  it('journals, clocks, faults and sessions are separate', async () => {
    a.journal.clear();
    b.journal.clear();
    await token(a);
    expect(a.journal.count()).toBe(1);
    expect(b.journal.count()).toBe(0);

    a.clock.advance(3600);
    expect(a.clock.now()).toBe(NOW + 3600);
    expect(b.clock.now()).toBe(NOW);

    a.faults.add({ kind: 'status', status: 503 });
    expect(b.faults.list()).toEqual([]);
    expect((await fetch(b.tokenUrl, { method: 'POST' })).status).toBe(401);

    a.sessions.add({});
    expect(b.sessions.list()).toEqual([]);
    a.reset();
    expect(a.clock.now()).toBe(NOW);
    expect(a.faults.list()).toEqual([]);
  });
});

describe('embedding options', () => {
  it('the admin API is off by default and on with a generated token when asked', async () => {
    const off = await startMockAppliance();
    const on = await startMockAppliance({ admin: true });
    try {
      expect(off.admin).toBeNull();
      expect((await fetch(`${off.url}/__admin/clock`)).status).toBe(404);
      const res = await fetch(`${on.admin!.url}/clock`, {
        headers: { authorization: `Bearer ${on.admin!.token}` },
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { now: number }).now).toBe(on.clock.now());
    } finally {
      await Promise.all([off.close(), on.close()]);
    }
  });

  it('now takes ISO text or a Date, and a bad value is a clear error', async () => {
    const m = await startMockAppliance({ now: new Date(NOW * 1000), frozenClock: true });
    expect(m.clock.now()).toBe(NOW);
    await m.close();
    await expect(startMockAppliance({ now: 'yesterday' })).rejects.toThrow(/BAD_OPTION/);
  });
});

describe('the package entry', () => {
  const outDir = `.btmock/build-test-${process.pid}`;
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('package.json points main, types and exports at the built index', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(pkg.main).toBe('./dist/index.js');
    expect(pkg.types).toBe('./dist/index.d.ts');
    expect(pkg.exports['.']).toEqual({ types: './dist/index.d.ts', import: './dist/index.js' });
  });

  it('the build compiles the entry and ships the schema it serves', async () => {
    execFileSync(
      'npx',
      ['tsc', '-p', 'tsconfig.build.json', '--outDir', outDir, '--sourceMap', 'false'],
      { stdio: 'pipe' },
    );
    execFileSync('node', ['scripts/copy-assets.mjs', outDir], { stdio: 'pipe' });
    const built = (await import(
      `${process.cwd()}/${outDir}/index.js`
    )) as typeof import('../index.js');
    const mock = await built.startMockAppliance();
    try {
      const xsd = await (await fetch(`${mock.url}/api/reporting.xsd`)).text();
      expect(xsd).toBe(readFileSync(bundledSchemaPath(), 'utf8'));
    } finally {
      await mock.close();
    }
  });
});
