import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SchemaValidator } from '../schemas/validator.js';
import { APPLIANCE_ERRORS, applianceMessage } from '../server/errors.js';
import { NAMESPACES, resolveSettings, type ApplianceSettings } from '../server/settings.js';
import { errorDocument, xmlStyle } from '../server/xml/document.js';
import { NOW, testMock, type TestMock } from './helpers.js';

const DAY = 86_400;
const LAST_DAY = { start_time: NOW - DAY, duration: 0 };
const FUTURE = { start_time: NOW + 3600, duration: 0 };

/** The list reports of this build and their no-data answers (spec §7.3). */
const LIST_REPORTS = [
  { name: 'SupportSession', root: 'session_list', extra: {}, noData: 'NO_DATA_SUPPORT' },
  {
    name: 'SupportSessionListing',
    root: 'session_summary_list',
    extra: {},
    noData: 'NO_DATA_SUPPORT',
  },
  {
    name: 'SupportSessionSummary',
    root: 'summary_list',
    extra: { report_type: 'rep' },
    noData: 'NO_DATA_SUPPORT',
  },
] as const;

function rootNamespace(xml: string): string | null {
  const match = /<([a-z_]+)((?:\s+[\w:]+="[^"]*")*)\s*\/?>/.exec(
    xml.replace(/^<\?xml[^>]*\?>/, ''),
  );
  const ns = / xmlns="([^"]*)"/.exec(match?.[2] ?? '');
  return ns ? ns[1]! : null;
}

function errorText(xml: string): string {
  return /<error[^>]*>([^<]*)<\/error>/.exec(xml)?.[1] ?? '';
}

describe('namespace profiles and the served schema', () => {
  for (const namespace of Object.keys(NAMESPACES) as ApplianceSettings['namespace'][]) {
    describe(`namespace=${namespace}`, () => {
      let mock: TestMock;
      let served: SchemaValidator;
      const uri = NAMESPACES[namespace];

      beforeAll(async () => {
        mock = await testMock({ settings: { namespace } });
        const xsd = await mock.app.inject({ url: '/api/reporting.xsd' });
        expect(xsd.statusCode).toBe(200);
        served = new SchemaValidator(xsd.body);
      });
      afterAll(() => mock.close());

      it('serves a schema whose target namespace is the documents’ namespace', async () => {
        const xsd = (await mock.app.inject({ url: '/api/reporting.xsd' })).body;
        const target = /targetNamespace="([^"]*)"/.exec(xsd)?.[1] ?? null;
        expect(target).toBe(uri === '' ? null : uri);
      });

      it('writes every report, its no-data answer and its errors in that namespace, valid against the served schema', async () => {
        const bodies: string[] = [];
        for (const report of LIST_REPORTS) {
          bodies.push(
            (await mock.report({ generate_report: report.name, ...LAST_DAY, ...report.extra }))
              .body,
          );
          bodies.push(
            (await mock.report({ generate_report: report.name, ...FUTURE, ...report.extra })).body,
          );
        }
        bodies.push((await mock.report({ generate_report: 'NoSuchReport' })).body);
        for (const body of bodies) {
          const result = served.validate(body);
          expect(result.ok, body.slice(0, 300)).toBe(true);
          expect(rootNamespace(body)).toBe(uri === '' ? null : uri);
        }
        expect(bodies[0]).toContain('<session ');
      });

      it('a document of another namespace does not validate against this schema', async () => {
        const other = namespace === 'sra' ? 'bomgar' : 'sra';
        const foreign = await testMock({ settings: { namespace: other } });
        const body = (
          await foreign.report({ generate_report: 'SupportSessionListing', ...LAST_DAY })
        ).body;
        await foreign.close();
        expect(served.validate(body).ok).toBe(false);
      });
    });
  }
});

describe('profile=cloud tokens', () => {
  it('a cloud site answers token_type "bearer" and expires_in 1799, keys in the appliance order', async () => {
    const mock = await testMock({ settings: { profile: 'cloud' } });
    const res = await mock.app.inject({
      method: 'POST',
      url: '/oauth2/token',
      headers: { authorization: mock.basic(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'grant_type=client_credentials',
    });
    const token = (JSON.parse(res.body) as { access_token: string }).access_token;
    expect(res.body).toBe(`{"access_token":"${token}","token_type":"bearer","expires_in":1799}`);
    // A client that copies token_type into the header ("bearer …") is served.
    const report = await mock.app.inject({
      url: `/api/reporting?generate_report=SupportSessionListing&start_time=${NOW - DAY}&duration=0`,
      headers: { authorization: `bearer ${token}` },
    });
    expect(report.statusCode).toBe(200);
    expect(report.body).toContain('<session_summary ');
    mock.state.clock.advance(1799);
    const expired = await mock.app.inject({
      url: '/api/reporting?generate_report=SupportSessionListing&start_time=0&duration=0',
      headers: { authorization: `bearer ${token}` },
    });
    expect(expired.statusCode).toBe(401);
    await mock.close();
  });

  it('an on-premises appliance answers "Bearer" and 3600', async () => {
    const mock = await testMock();
    const res = await mock.app.inject({
      method: 'POST',
      url: '/oauth2/token',
      headers: { authorization: mock.basic(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'grant_type=client_credentials',
    });
    expect(res.body).toMatch(
      /^\{"access_token":"[A-Za-z0-9]{40}","token_type":"Bearer","expires_in":3600\}$/,
    );
    await mock.close();
  });
});

describe('locale=fr', () => {
  let mock: TestMock;
  beforeAll(async () => {
    mock = await testMock({ settings: { locale: 'fr' } });
  });
  afterAll(() => mock.close());

  for (const report of LIST_REPORTS) {
    it(`${report.name} without data answers the French sentence with U+2019 apostrophes`, async () => {
      const res = await mock.report({ generate_report: report.name, ...FUTURE, ...report.extra });
      const text = errorText(res.body);
      expect(text).toBe(APPLIANCE_ERRORS[report.noData].fr);
      // The suffix a real French-site client matches (spec §7.5), typographic apostrophe.
      expect(text.endsWith('correspondant à vos critères n\u2019est disponible.')).toBe(true);
      expect(text).not.toContain("'");
    });
  }

  it('texts other than no-data stay English', async () => {
    const res = await mock.report({ generate_report: 'NoSuchReport' });
    expect(errorText(res.body)).toBe('Invalid report type.');
  });
});

describe('error_style and empty_result', () => {
  it('error_style=bare writes <error> without a namespace while data stays namespaced', async () => {
    const mock = await testMock({ settings: { errorStyle: 'bare' } });
    const error = await mock.report({ generate_report: 'SupportSession', ...FUTURE });
    expect(error.body).toContain(`<error>${applianceMessage('NO_DATA_SUPPORT', 'en')}</error>`);
    expect(rootNamespace(error.body)).toBeNull();
    const data = await mock.report({ generate_report: 'SupportSessionListing', ...LAST_DAY });
    expect(rootNamespace(data.body)).toBe(NAMESPACES.sra);
    await mock.close();
  });

  it('empty_result=empty_list answers each list report with its empty root instead of an error', async () => {
    const mock = await testMock({ settings: { emptyResult: 'empty_list' } });
    for (const report of LIST_REPORTS) {
      const res = await mock.report({ generate_report: report.name, ...FUTURE, ...report.extra });
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('<error');
      expect(res.body).toMatch(
        new RegExp(`<${report.root} xmlns="${NAMESPACES.sra}"[^>]*></${report.root}>`),
      );
    }
    await mock.close();
  });
});

describe('the bomgar-era error bytes', () => {
  it('reproduces the captured "no archives" error of a Bomgar appliance byte for byte', () => {
    const sample = readFileSync(
      '/work/shared/samples/error-no-archives-bomgar-namespace.xml',
      'utf8',
    );
    for (const settings of [
      resolveSettings({ profile: 'legacy' }),
      resolveSettings({ namespace: 'bomgar' }),
    ]) {
      expect(errorDocument(xmlStyle(settings), applianceMessage('NO_ARCHIVES', 'en'))).toBe(sample);
    }
  });
});
