import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capture } from '../contracts/capture.js';
import type { Manifest } from '../server/fixtures/raw.js';
import { listen, type RunningMock } from '../server/listen.js';
import { NOW, expectValid, testMock, type TestMock } from './helpers.js';
import { personalValues } from './support/personal-values.js';

const WINDOW = { start: NOW - 86_400, duration: 86_400 };
let appliance: RunningMock;
let served: TestMock;
let dir: string;
let manifest: Manifest;
const originals = new Map<string, string>();

function fixture(file: string): string {
  return readFileSync(join(dir, file), 'utf8');
}

function lsidsOf(xml: string, element: string): string[] {
  return [...xml.matchAll(new RegExp(`<${element} lsid="([0-9a-f]{32})"`, 'g'))].map((m) => m[1]!);
}

beforeAll(async () => {
  appliance = await listen({ seed: 3, now: NOW, frozenClock: true });
  dir = mkdtempSync(join(tmpdir(), 'btmock-capture-'));
  const account = appliance.state.accounts[0]!;
  const target = {
    target: appliance.url,
    clientId: account.clientId,
    clientSecret: account.clientSecret,
    rate: 0,
  };
  const lines: string[] = [];
  await capture({
    ...target,
    out: dir,
    ...WINDOW,
    maxSessions: 5,
    onProgress: (l) => lines.push(l),
  });
  expect(lines.some((l) => /^\[1\/\d+\] SupportSessionListing/.test(l))).toBe(true);
  manifest = JSON.parse(fixture('manifest.json')) as Manifest;

  // The original answers, asked again of the frozen appliance: the same bytes the capture read.
  const direct = await testMock({ seed: 3, now: NOW, frozenClock: true });
  for (const e of manifest.entries) {
    const res = await direct.report({ generate_report: e.generate_report, ...e.parameters });
    originals.set(e.file, res.body);
  }
  await direct.close();
  served = await testMock({ rawFixtures: dir });
});

afterAll(async () => {
  await served.close();
  await appliance.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('capture → serve round trip', () => {
  it('writes a manifest naming every request and its response file', () => {
    const files = readdirSync(dir)
      .filter((f) => f !== 'manifest.json')
      .sort();
    expect(manifest.entries.map((e) => e.file).sort()).toEqual(files);
    const reports = new Set(manifest.entries.map((e) => e.generate_report));
    // Every XML report type of spec §10; binary reports (recordings, archives, ZIP) are not captured.
    expect(reports).toEqual(
      new Set([
        'SupportSession',
        'SupportSessionListing',
        'SupportSessionSummary',
        'PresentationSession',
        'PresentationSessionListing',
        'SupportCustExitSurvey',
        'SupportRepExitSurvey',
        'SupportTeam',
        'ArchiveListing',
        'LicenseUsage',
      ]),
    );
    expect(manifest.entries.filter((e) => e.parameters.lsid).length).toBe(5);
  });

  it('leaves no original name, user name, address or host name in any fixture file', () => {
    const personal = [...originals.values()].flatMap(personalValues);
    expect(personal.length).toBeGreaterThan(50);
    const all = readdirSync(dir)
      .map((f) => fixture(f))
      .join('\n');
    const leaked = [...new Set(personal)].filter((v) =>
      new RegExp(`(?<![\\w.-])${v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`).test(all),
    );
    expect(leaked).toEqual([]);
  });

  it('keeps structure, counts, timestamps and lsids', () => {
    for (const e of manifest.entries) {
      const original = originals.get(e.file)!;
      const anonymised = fixture(e.file);
      const skeleton = (xml: string) =>
        [...xml.matchAll(/<\/?[\w]+|\b(?:timestamp|lsid|gsnumber|id)="[^"]*"/g)]
          .map((m) => m[0])
          .join(' ');
      expect(skeleton(anonymised)).toBe(skeleton(original));
      if (personalValues(original).length > 0) expect(anonymised).not.toBe(original);
    }
  });

  it('serves every fixture byte for byte, and each validates against the schema', async () => {
    for (const e of manifest.entries) {
      const res = await served.report({ generate_report: e.generate_report, ...e.parameters });
      expect(res.statusCode).toBe(e.status);
      expect(res.headers['content-type']).toBe(e.content_type);
      expect(res.rawPayload.equals(readFileSync(join(dir, e.file)))).toBe(true);
      expectValid(res.body);
    }
  });

  it('keeps the links between reports: listing lsids are the detail lsids, by window and by lsid', () => {
    const find = (report: string, anchor: string) =>
      manifest.entries.find(
        (e) => e.generate_report === report && e.parameters[anchor] !== undefined,
      )!;
    for (const anchor of ['start_time', 'end_time']) {
      const listing = lsidsOf(
        fixture(find('SupportSessionListing', anchor).file),
        'session_summary',
      );
      const detail = lsidsOf(fixture(find('SupportSession', anchor).file), 'session');
      expect(listing.length).toBeGreaterThan(0);
      expect(listing).toEqual(detail);
    }
    const listed = lsidsOf(
      fixture(find('SupportSessionListing', 'start_time').file),
      'session_summary',
    );
    for (const e of manifest.entries.filter((x) => x.parameters.lsid)) {
      expect(listed).toContain(e.parameters.lsid);
      expect(lsidsOf(fixture(e.file), 'session')).toEqual([e.parameters.lsid]);
    }
  });

  it('gives the same person the same pseudonym in every report', () => {
    const window = fixture(
      manifest.entries.find(
        (e) => e.generate_report === 'SupportSession' && e.parameters.start_time,
      )!.file,
    );
    for (const e of manifest.entries.filter((x) => x.parameters.lsid)) {
      const single = fixture(e.file);
      const customer = /<primary_customer gsnumber="\d+">([^<]*)</.exec(single)![1]!;
      const block = window.slice(window.indexOf(`<session lsid="${e.parameters.lsid}"`));
      expect(/<primary_customer gsnumber="\d+">([^<]*)</.exec(block)![1]).toBe(customer);
    }
  });

  it('answers requests the capture does not hold from the generated world', async () => {
    const res = await served.report({
      generate_report: 'SupportSessionListing',
      start_time: NOW - 3600,
      duration: 3600,
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/<session_summary_list|No Support report information/);
  });
});
