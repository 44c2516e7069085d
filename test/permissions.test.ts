import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PermissionName } from '../server/auth/accounts.js';
import { applianceMessage } from '../server/errors.js';
import { REPORT_CASES, SPEC_PERMISSIONS } from './report-cases.js';
import { NOW, testMock, type TestMock } from './helpers.js';
import { fixtures, type Fixtures } from './world-fixtures.js';

const PERMISSIONS: PermissionName[] = ['support', 'presentation', 'license', 'archive'];
const DENIED = applianceMessage('PERMISSION_DENIED', 'en');

/** One successful request per report type, taken from the report matrix's table. */
const SUCCESSES = Object.keys(SPEC_PERMISSIONS).map((report) =>
  REPORT_CASES.find((c) => c.report === report && c.expect.kind !== 'error')!,
);

describe.each(PERMISSIONS)('an account without the %s permission', (off) => {
  let mock: TestMock;
  let f: Fixtures;
  beforeAll(async () => {
    mock = await testMock({ accounts: [{ permissions: { [off]: false } }] });
    f = fixtures(mock.state.world, NOW);
  });
  afterAll(() => mock.close());

  it.each(SUCCESSES.map((c) => [c.report, c] as const))('%s', async (report, c) => {
    const res = await mock.report({ generate_report: report, ...c.params(f) });
    expect(res.statusCode).toBe(200);
    const denied = res.body.includes(`>${DENIED}</error>`);
    expect(denied).toBe(SPEC_PERMISSIONS[report] === off);
  });
});

describe('permissions and switches at request time', () => {
  it('a permission removed from an account applies to its existing tokens at once', async () => {
    const mock = await testMock();
    try {
      const params = { generate_report: 'EndpointLicenseUsage' };
      expect((await mock.report(params)).headers['content-type']).toBe('application/zip');
      mock.state.accounts[0]!.permissions.license = false;
      expect((await mock.report(params)).body).toContain(DENIED);
    } finally {
      await mock.close();
    }
  });

  it('the default account has every reporting permission', async () => {
    const mock = await testMock();
    try {
      expect(mock.state.accounts[0]!.permissions).toEqual({
        support: true,
        presentation: true,
        license: true,
        archive: true,
      });
    } finally {
      await mock.close();
    }
  });

  it('archive reports need both the permission and the Archive API switch', async () => {
    const cases = [
      { permission: true, api: true, text: null },
      { permission: false, api: true, text: DENIED },
      { permission: true, api: false, text: applianceMessage('ARCHIVE_API_DISABLED', 'en') },
      { permission: false, api: false, text: applianceMessage('ARCHIVE_API_DISABLED', 'en') },
    ];
    for (const c of cases) {
      const mock = await testMock({
        accounts: [{ permissions: { archive: c.permission } }],
        settings: { archiveApiEnabled: c.api },
      });
      try {
        const res = await mock.report({ generate_report: 'ArchiveListing', date: '2025-12-02' });
        if (c.text === null) expect(res.body).toContain('<archives');
        else expect(res.body).toContain(`>${c.text}</error>`);
      } finally {
        await mock.close();
      }
    }
  });
});
