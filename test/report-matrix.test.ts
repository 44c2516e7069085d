import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applianceMessage } from '../server/errors.js';
import { REPORTS } from '../server/reports/index.js';
import { errorDocument, xmlStyle } from '../server/xml/document.js';
import { REPORT_CASES, SPEC_PERMISSIONS } from './report-cases.js';
import { testMock, type TestMock } from './helpers.js';
import { fixtures, type Fixtures } from './world-fixtures.js';
import { Doc } from './xml-query.js';

let mock: TestMock;
let f: Fixtures;

beforeAll(async () => {
  mock = await testMock();
  f = fixtures(mock.state.world, mock.state.clock.now());
});
afterAll(() => mock.close());

describe('the report matrix covers the spec', () => {
  it('every report type of §10 is registered and has at least one successful case', () => {
    expect([...REPORTS.keys()].sort()).toEqual(Object.keys(SPEC_PERMISSIONS).sort());
    for (const name of REPORTS.keys()) {
      expect(REPORT_CASES.some((c) => c.report === name && c.expect.kind !== 'error')).toBe(true);
    }
  });
});

describe.each(REPORT_CASES.map((c) => [`${c.report} with ${c.set}`, c] as const))('%s', (_, c) => {
  const expected =
    c.expect.kind === 'error'
      ? `answers 200 with the error "${applianceMessage(c.expect.code, 'en', c.expect.params)}"`
      : c.expect.kind === 'binary'
        ? `answers ${c.expect.contentType} as an attachment`
        : `answers a valid <${c.expect.root}>`;

  it(expected, async () => {
    const res = await mock.report({ generate_report: c.report, ...c.params(f) });
    expect(res.statusCode).toBe(200);
    const e = c.expect;
    switch (e.kind) {
      case 'error': {
        const text = applianceMessage(e.code, 'en', e.params);
        expect(res.body).toBe(errorDocument(xmlStyle(mock.state.settings), text));
        return;
      }
      case 'binary': {
        expect(res.headers['content-type']).toBe(e.contentType);
        expect(res.headers['content-disposition']).toBe(`attachment; filename="${e.filename(f)}"`);
        expect([...res.rawPayload.subarray(0, e.magic.length)]).toEqual(e.magic);
        return;
      }
      case 'document': {
        expect(res.headers['content-type']).toBe('text/xml; charset=UTF-8');
        expect(new Doc(res.body).rootName).toBe(e.root);
        return;
      }
      case 'list': {
        expect(res.headers['content-type']).toBe('text/xml; charset=UTF-8');
        const doc = new Doc(res.body);
        expect(doc.rootName).toBe(e.root);
        expect(doc.all(`/r:${e.root}/r:${e.item}`).length).toBeGreaterThan(0);
      }
    }
  });
});
