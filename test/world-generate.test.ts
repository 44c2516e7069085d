import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { main } from '../server/cli.js';
import { NOW, attributeValues, testMock, type TestMock } from './helpers.js';

const DAY = 86_400;
const ORIGIN = 'https://support.example.com';
/** A window that ends well before NOW, so every session in it has ended. */
const FROM = NOW - 3 * DAY + 1234;
const TO = NOW - DAY;
const WINDOW = { start_time: FROM, duration: TO - FROM };

describe('btmock generate: a window of the world as a world file', () => {
  let dir: string;
  let original: TestMock;
  let reloaded: TestMock;
  let reloadedJson: TestMock;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'btmock-generate-'));
    for (const out of ['world.yaml', 'world.json']) {
      await main([
        'node',
        'btmock',
        'generate',
        '--seed',
        '1',
        '--from',
        String(FROM),
        '--to',
        new Date(TO * 1000).toISOString(),
        '--site-origin',
        ORIGIN,
        '--out',
        join(dir, out),
      ]);
    }
    const settings = { siteOrigin: ORIGIN };
    original = await testMock({ seed: 1, settings });
    // A different seed: everything the window shows must come from the file.
    reloaded = await testMock({ seed: 2, settings, worldFile: join(dir, 'world.yaml') });
    reloadedJson = await testMock({ seed: 3, settings, worldFile: join(dir, 'world.json') });
  });
  afterAll(async () => {
    await Promise.all([original.close(), reloaded.close(), reloadedJson.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes every session that starts in the window, with its lsid', async () => {
    const file = parseYaml(readFileSync(join(dir, 'world.yaml'), 'utf8')) as {
      sessions: { lsid: string }[];
    };
    const listing = await original.report({ generate_report: 'SupportSessionListing', ...WINDOW });
    expect(file.sessions.map((s) => s.lsid)).toEqual(
      attributeValues(listing.body, 'session_summary', 'lsid'),
    );
    expect(file.sessions.length).toBeGreaterThan(10);
  });

  it('loaded on another seed, the window’s SupportSession document is byte for byte the same', async () => {
    const a = await original.report({ generate_report: 'SupportSession', ...WINDOW });
    const b = await reloaded.report({ generate_report: 'SupportSession', ...WINDOW });
    const c = await reloadedJson.report({ generate_report: 'SupportSession', ...WINDOW });
    expect(a.body).toContain('<session ');
    expect(b.body).toBe(a.body);
    expect(c.body).toBe(a.body);
  });

  it('the listing and every summary grouping of the window are the same too', async () => {
    const requests = [
      { generate_report: 'SupportSessionListing', ...WINDOW },
      { generate_report: 'SupportSessionSummary', report_type: 'rep', ...WINDOW },
      { generate_report: 'SupportSessionSummary', report_type: 'team', ...WINDOW },
      { generate_report: 'SupportSessionSummary', report_type: 'site', ...WINDOW },
    ];
    for (const params of requests) {
      const a = await original.report(params);
      const b = await reloaded.report(params);
      expect(b.body).toBe(a.body);
    }
  });

  it('each session is found by its lsid in the reloaded world, with the same detail', async () => {
    const listing = await original.report({ generate_report: 'SupportSessionListing', ...WINDOW });
    const lsids = attributeValues(listing.body, 'session_summary', 'lsid').slice(0, 5);
    for (const lsid of lsids) {
      const a = await original.report({ generate_report: 'SupportSession', lsid });
      const b = await reloaded.report({ generate_report: 'SupportSession', lsid });
      expect(b.body).toBe(a.body);
    }
  });

  it('outside the window the reloaded world is its own seed’s', async () => {
    const before = { start_time: FROM - DAY, duration: DAY };
    const a = await original.report({ generate_report: 'SupportSessionListing', ...before });
    const b = await reloaded.report({ generate_report: 'SupportSessionListing', ...before });
    expect(attributeValues(b.body, 'session_summary', 'lsid')).not.toEqual(
      attributeValues(a.body, 'session_summary', 'lsid'),
    );
  });
});
