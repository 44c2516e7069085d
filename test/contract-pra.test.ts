import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRA_REPORT_TYPES } from '../contracts/report-types-pra.js';
import { REPORT_TYPES } from '../contracts/report-types.js';
import { runContract } from '../contracts/runner.js';
import type { ContractReport } from '../contracts/types.js';
import { listen, type RunningMock } from '../server/listen.js';
import { NOW } from './helpers.js';

let mock: RunningMock;
let report: ContractReport;

const target = () => ({
  target: mock.url,
  clientId: mock.state.accounts[0]!.clientId,
  clientSecret: mock.state.accounts[0]!.clientSecret,
  rate: 0,
});

beforeAll(async () => {
  mock = await listen({ seed: 1, now: NOW, product: 'pra', settings: { expiresIn: 5 } });
  report = await runContract({ ...target(), maxWait: 10, drift: true });
}, 60_000);
afterAll(() => mock.close());

describe('the contract kit against a PRA appliance', () => {
  it('detects the product from the answers and runs the PRA matrix', () => {
    expect(report.product).toMatchObject({ product: 'pra', source: 'detected' });
    const ran = new Set(report.cases.map((c) => c.reportType));
    for (const t of PRA_REPORT_TYPES) expect(ran.has(t.name), t.name).toBe(true);
    expect(ran.has('SupportSession')).toBe(false);
  });

  it('passes every case, all PRA report types served', () => {
    const failures = report.cases
      .filter((c) => c.status === 'fail')
      .map((c) => ({ id: c.id, findings: c.findings }));
    expect(failures).toEqual([]);
    expect(report.notServed).toEqual([]);
    for (const t of PRA_REPORT_TYPES) {
      expect(
        report.cases.some((c) => c.reportType === t.name && c.status === 'pass'),
        t.name,
      ).toBe(true);
    }
  });

  it('validates against the PRA schema the target serves, with no drift from the bundled one', () => {
    expect(report.schema.fallback).toBe(false);
    expect(report.drift?.items).toEqual([]);
  });

  it('compares AccessSessionListing with AccessSession for every time set', () => {
    const compared = report.cases.filter((c) =>
      c.id.startsWith('AccessSessionListing/listing ↔ detail/'),
    );
    expect(compared.map((c) => c.id.split('/').pop()).sort()).toEqual([
      'end_date',
      'end_time',
      'start_date',
      'start_time',
    ]);
    expect(compared.every((c) => c.status === 'pass')).toBe(true);
  });

  it('checks the token lifecycle with a PRA report name', () => {
    const auth = report.cases.filter((c) => c.reportType === 'Authentication');
    expect(auth.length).toBeGreaterThan(3);
    expect(auth.every((c) => c.status === 'pass')).toBe(true);
  });

  it('told to expect Remote Support, lists every Remote Support report type as not served', async () => {
    const forced = await runContract({ ...target(), product: 'rs', tokenChecks: false });
    expect(forced.product).toMatchObject({ product: 'rs', source: 'option' });
    const served = REPORT_TYPES.filter((t) => PRA_REPORT_TYPES.some((p) => p.name === t.name));
    expect(forced.notServed.sort()).toEqual(
      REPORT_TYPES.filter((t) => !served.includes(t))
        .map((t) => t.name)
        .sort(),
    );
  }, 30_000);
});
