import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { listen, type RunningMock } from '../server/listen.js';
import { htmlReport } from './reporters/html.js';
import { junitXml } from './reporters/junit.js';
import { groupByReportType } from './reporters/groups.js';
import type { ProductChoice } from './product.js';
import { runContract, type ContractOptions } from './runner.js';

/**
 * The contract kit as a vitest project: `npx vitest run --project contract`. Against the target
 * named by BTMOCK_TARGET (with BTMOCK_TARGET_CLIENT_ID / BTMOCK_TARGET_CLIENT_SECRET) when set;
 * otherwise against a mock appliance started on 127.0.0.1 for the run. One test per case.
 */
const env = process.env;
let mock: RunningMock | undefined;

async function options(): Promise<ContractOptions> {
  const shared = {
    reportTypes: env.BTMOCK_TARGET_REPORT_TYPES?.split(',').map((s) => s.trim()),
    insecure: env.BTMOCK_TARGET_INSECURE === '1',
    schema: env.BTMOCK_TARGET_SCHEMA,
    // rs, pra or auto (default): the product whose request matrix runs.
    product: env.BTMOCK_TARGET_PRODUCT as ProductChoice | undefined,
  };
  if (env.BTMOCK_TARGET) {
    return {
      ...shared,
      target: env.BTMOCK_TARGET,
      clientId: env.BTMOCK_TARGET_CLIENT_ID ?? '',
      clientSecret: env.BTMOCK_TARGET_CLIENT_SECRET ?? '',
      rate: env.BTMOCK_TARGET_RATE ? Number(env.BTMOCK_TARGET_RATE) : undefined,
      tokenCap: env.BTMOCK_TARGET_NO_EVICT === '1' ? null : undefined,
    };
  }
  // A short token lifetime lets the expiry check run within the default wait.
  mock = await listen({ settings: { expiresIn: 6 } });
  const account = mock.state.accounts[0]!;
  return {
    ...shared,
    target: mock.url,
    clientId: account.clientId,
    clientSecret: account.clientSecret,
    rate: 0,
    maxWait: 5,
  };
}

const report = await runContract(await options());
if (env.BTMOCK_JUNIT) writeFileSync(env.BTMOCK_JUNIT, junitXml(report));
if (env.BTMOCK_HTML) writeFileSync(env.BTMOCK_HTML, htmlReport(report));
afterAll(() => mock?.close());

describe(`contract of ${env.BTMOCK_TARGET ?? 'the mock appliance'}`, () => {
  it('has a usable schema', () => {
    expect(report.schema.targetNamespace).not.toBe('');
  });

  for (const group of groupByReportType(report)) {
    describe(group.name, () => {
      if (group.status === 'not-served') {
        it('is not served by the target (it answers "Invalid report type.")', () => {
          expect(report.notServed).toContain(group.name);
        });
        return;
      }
      for (const c of group.cases.filter((x) => x.status === 'pass' || x.status === 'fail')) {
        it(c.title, () => {
          expect(c.findings.filter((f) => f.severity === 'error')).toEqual([]);
        });
      }
      const notRun = group.cases.filter((x) => x.status === 'skipped');
      if (notRun.length > 0) {
        it('says why each case it could not run was left out', () => {
          expect(notRun.every((x) => (x.reason ?? '').length > 0)).toBe(true);
        });
      }
    });
  }
});
