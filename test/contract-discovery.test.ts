import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runContract } from '../contracts/runner.js';
import type { CaseResult, ContractReport } from '../contracts/types.js';
import { listen, type RunningMock } from '../server/listen.js';
import { NOW } from './helpers.js';

let rs: RunningMock;
let pra: RunningMock;

/** The kit as `btmock contract --report-types … --no-evict` runs it. */
function run(mock: RunningMock, reportTypes: string[], extra = {}): Promise<ContractReport> {
  const account = mock.state.accounts[0]!;
  return runContract({
    target: mock.url,
    clientId: account.clientId,
    clientSecret: account.clientSecret,
    rate: 0,
    reportTypes,
    tokenCap: null,
    maxWait: 0,
    ...extra,
  });
}

const byId = (report: ContractReport, id: string): CaseResult => {
  const found = report.cases.find((c) => c.id === id);
  if (!found) throw new Error(`no case ${id}`);
  return found;
};

beforeAll(async () => {
  rs = await listen({ seed: 1, now: NOW, frozenClock: true });
  pra = await listen({ seed: 1, now: NOW, frozenClock: true, product: 'pra' });
});
afterAll(() => Promise.all([rs.close(), pra.close()]));

describe('lsids found in the report’s own window answers', () => {
  it('SupportSession alone runs its lsid and lsids sets with sessions of its window', async () => {
    const report = await run(rs, ['SupportSession']);
    const window = byId(report, 'SupportSession/start_time/GET');
    expect(window.status).toBe('pass');
    for (const set of ['lsid', 'lsids']) {
      const c = byId(report, `SupportSession/${set}/GET`);
      expect(c.status, c.reason).toBe('pass');
      const asked = String(c.request?.params[set]).split(',');
      expect(asked.length).toBeGreaterThanOrEqual(1);
      for (const lsid of asked) expect(lsid).toMatch(/^[0-9a-f]{32}$/);
    }
    expect(
      report.cases.filter((c) => c.status === 'skipped' && /lsid/.test(c.reason ?? '')),
    ).toEqual([]);
  });

  it('PresentationSession alone runs its lsid and lsids sets', async () => {
    const report = await run(rs, ['PresentationSession']);
    for (const set of ['lsid', 'lsids']) {
      const c = byId(report, `PresentationSession/${set}/GET`);
      expect(c.status, c.reason).toBe('pass');
    }
  });

  it('AccessSession alone on a PRA target runs its lsid and lsids sets', async () => {
    const report = await run(pra, ['AccessSession'], { product: 'pra' });
    for (const set of ['lsid', 'lsids']) {
      const c = byId(report, `AccessSession/${set}/GET`);
      expect(c.status, c.reason).toBe('pass');
    }
  });

  it('a skipped case says in plain words what it needed', async () => {
    const report = await run(rs, ['CommandShellRecording']);
    const skipped = report.cases.filter(
      (c) => c.status === 'skipped' && c.reportType === 'CommandShellRecording',
    );
    expect(skipped.length).toBeGreaterThan(0);
    for (const c of skipped) {
      expect(c.reason).toMatch(/^needs an lsid of a session with a command shell recording /);
      expect(c.reason).not.toMatch(/needs a (lsid|lsids|shellLsid)\b/);
    }
  });
});
