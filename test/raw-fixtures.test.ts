import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadRawFixtures, type ManifestEntry } from '../server/fixtures/raw.js';
import { NS, testMock } from './helpers.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'btmock-raw-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const LISTING = `<?xml version="1.0" encoding="UTF-8"?>\n\n<session_summary_list xmlns="${NS}">\n<session_summary lsid="${'ab'.repeat(16)}" has_recording="0"  />\n</session_summary_list>\n`;

function write(
  entries: unknown[],
  files: Record<string, string> = {},
  extra: Record<string, unknown> = {},
): void {
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({ format: 'btmock-fixtures', version: 1, entries, ...extra }),
  );
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
}

const entry = (over: Partial<ManifestEntry> = {}): ManifestEntry => ({
  generate_report: 'SupportSessionListing',
  parameters: { start_time: '1000', duration: '60' },
  file: 'a.xml',
  content_type: 'text/xml; charset=UTF-8',
  ...over,
});

describe('raw fixture directory loading', () => {
  it('loads a valid directory with each entry and its bytes', () => {
    write([entry()], { 'a.xml': LISTING });
    const fixtures = loadRawFixtures(dir);
    expect(fixtures.entries).toHaveLength(1);
    expect(fixtures.entries[0]!.body.toString()).toBe(LISTING);
  });

  it.each([
    [
      'a missing directory',
      () => rmSync(dir, { recursive: true }),
      /BAD_FIXTURE: .*: fixture directory does not exist/,
    ],
    ['a missing manifest', () => undefined, /manifest\.json: missing/],
    [
      'a manifest that is not JSON',
      () => writeFileSync(join(dir, 'manifest.json'), '{nope'),
      /manifest\.json: not valid JSON/,
    ],
    [
      'a wrong format',
      () => write([], {}, { format: 'other' }),
      /manifest\.json: format must be "btmock-fixtures"/,
    ],
    [
      'entries that are not an array',
      () => write([], {}, { entries: {} }),
      /manifest\.json: entries must be an array/,
    ],
    [
      'an entry without generate_report',
      () => write([entry({ generate_report: '' })], { 'a.xml': LISTING }),
      /entries\[0\]: generate_report must be a non-empty string/,
    ],
    [
      'parameters that are not strings',
      () => write([{ ...entry(), parameters: { duration: 60 } }], { 'a.xml': LISTING }),
      /entries\[0\]: parameters must be an object of string values/,
    ],
    [
      'a file outside the directory',
      () => write([entry({ file: '../x.xml' })]),
      /entries\[0\]: file "\.\.\/x\.xml" lies outside the fixture directory/,
    ],
    [
      'a file that does not exist',
      () => write([entry({ file: 'gone.xml' })]),
      /gone\.xml: cannot be read \(named by entries\[0\]\): ENOENT/,
    ],
    [
      'XML that is not well-formed',
      () =>
        write([entry()], {
          'a.xml': `<?xml version="1.0"?>\n<session_summary_list>\n<oops></session_summary_list>`,
        }),
      /a\.xml: not well-formed XML at line 3/,
    ],
    [
      'the same request twice',
      () => write([entry(), entry({ file: 'b.xml' })], { 'a.xml': LISTING, 'b.xml': LISTING }),
      /entries\[1\] repeats the request of entries\[0\]/,
    ],
    [
      'a bad status',
      () => write([entry({ status: 42 })], { 'a.xml': LISTING }),
      /entries\[0\]: status must be an HTTP status code/,
    ],
  ])('rejects %s with an error naming the file and the problem', (_name, setup, message) => {
    setup();
    expect(() => loadRawFixtures(dir)).toThrow(message);
  });

  it('rejects a file that is a directory', () => {
    mkdirSync(join(dir, 'a.xml'));
    write([entry()]);
    expect(() => loadRawFixtures(dir)).toThrow(/a\.xml: is not a file/);
  });
});

describe('serving raw fixtures', () => {
  it('answers a matching request byte for byte after the token check, in any parameter order', async () => {
    write([entry()], { 'a.xml': LISTING });
    const mock = await testMock({ rawFixtures: dir });
    const noToken = await mock.app.inject({
      method: 'GET',
      url: '/api/reporting?generate_report=SupportSessionListing&start_time=1000&duration=60',
    });
    expect(noToken.statusCode).toBe(401);

    const res = await mock.report({
      duration: 60,
      generate_report: 'SupportSessionListing',
      start_time: 1000,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/xml; charset=UTF-8');
    expect(res.body).toBe(LISTING);

    const post = await mock.report(
      { generate_report: 'SupportSessionListing', start_time: 1000, duration: 60 },
      { method: 'POST' },
    );
    expect(post.body).toBe(LISTING);
    await mock.close();
  });

  it('lets any other request fall through to the generated world', async () => {
    write([entry()], { 'a.xml': LISTING });
    const mock = await testMock({ rawFixtures: dir });
    const other = await mock.report({
      generate_report: 'SupportSessionListing',
      start_time: 1000,
      duration: 61,
    });
    expect(other.body).not.toBe(LISTING);
    expect(other.body).toContain(
      'No Support report information matching your chosen criteria is available.',
    );
    await mock.close();
  });
});
