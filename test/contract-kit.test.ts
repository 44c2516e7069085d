import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runContract } from '../contracts/runner.js';
import { REPORT_TYPES } from '../contracts/report-types.js';
import { REPORTS } from '../server/reports/index.js';
import { listen, type RunningMock } from '../server/listen.js';
import type { ContractReport } from '../contracts/types.js';
import { NOW } from './helpers.js';

let mock: RunningMock;
let report: ContractReport;

beforeAll(async () => {
  // A running clock (not frozen) so a short token lifetime really expires during the run.
  mock = await listen({ seed: 1, now: NOW, settings: { expiresIn: 6 } });
  const account = mock.state.accounts[0]!;
  report = await runContract({
    target: mock.url,
    clientId: account.clientId,
    clientSecret: account.clientSecret,
    rate: 0,
    maxWait: 10,
    drift: true,
  });
}, 60_000);

afterAll(() => mock.close());

describe('the contract kit against the mock on a real socket', () => {
  it('passes every case it runs', () => {
    const failures = report.cases
      .filter((c) => c.status === 'fail')
      .map((c) => ({ id: c.id, findings: c.findings }));
    expect(failures).toEqual([]);
    expect(report.summary.passed).toBeGreaterThan(40);
  });

  it('runs every report type the mock serves and lists the others as not served', () => {
    const served = REPORT_TYPES.filter((t) => REPORTS.has(t.name)).map((t) => t.name);
    const unserved = REPORT_TYPES.filter((t) => !REPORTS.has(t.name)).map((t) => t.name);
    expect(served.length).toBeGreaterThan(0);
    for (const name of served) {
      expect(report.cases.some((c) => c.reportType === name && c.status === 'pass')).toBe(true);
    }
    expect(report.notServed.sort()).toEqual(unserved.sort());
    for (const c of report.cases.filter((x) => unserved.includes(x.reportType)))
      expect(c.status).toBe('not-served');
  });

  it("validates against the target's own schema, which matches the bundled one", () => {
    expect(report.schema.fallback).toBe(false);
    expect(report.schema.source).toBe(`${mock.url}/api/reporting.xsd`);
    expect(report.drift?.items).toEqual([]);
  });

  it('compares listing and detail for every time window set, and GET with POST', () => {
    const listingDetail = report.cases.filter((c) =>
      c.id.startsWith('SupportSessionListing/listing ↔ detail/'),
    );
    expect(listingDetail.map((c) => c.id.split('/').pop()).sort()).toEqual([
      'end_date',
      'end_time',
      'start_date',
      'start_time',
    ]);
    expect(listingDetail.every((c) => c.status === 'pass')).toBe(true);
    expect(report.cases.find((c) => c.id === 'SupportSession/GET ↔ POST')?.status).toBe('pass');
  });

  it('checks the token lifecycle: missing, malformed, expired and evicted tokens get 401', () => {
    const auth = report.cases.filter((c) => c.reportType === 'Authentication');
    expect(auth.map((c) => c.id.split('/')[1])).toEqual([
      'token endpoint',
      'missing token',
      'malformed token',
      'expired token',
      'evicted token',
    ]);
    expect(auth.every((c) => c.status === 'pass')).toBe(true);
  });

  it('asks for sessions by lsid that it found in the window', () => {
    const byLsid = report.cases.find((c) => c.id === 'SupportSession/lsid/GET')!;
    expect(byLsid.status).toBe('pass');
    expect(byLsid.request?.params.lsid).toMatch(/^[0-9a-f]{32}$/);
  });
});
