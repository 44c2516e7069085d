import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import libxml, { type Element } from 'libxmljs2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capture, type CaptureResult } from '../contracts/capture.js';
import { PRA_REPORT_TYPES } from '../contracts/report-types-pra.js';
import type { Manifest } from '../server/fixtures/raw.js';
import { listen, type RunningMock } from '../server/listen.js';
import { NOW, expectValid, testMock, type TestMock } from './helpers.js';
import { leaked, personalValues } from './support/personal-values.js';

const WINDOW = { start: NOW - 86_400, duration: 86_400 };
let appliance: RunningMock;
let served: TestMock;
let dir: string;
let result: CaptureResult;
let manifest: Manifest;
const originals = new Map<string, string>();

const fixture = (file: string) => readFileSync(join(dir, file), 'utf8');
const entryOf = (report: string) => manifest.entries.find((e) => e.generate_report === report)!;
const texts = (xml: string, xpath: string) =>
  (libxml.parseXml(xml).find(xpath) as Element[]).map((e) => e.text().trim());

beforeAll(async () => {
  appliance = await listen({ seed: 3, now: NOW, frozenClock: true, product: 'pra' });
  dir = mkdtempSync(join(tmpdir(), 'btmock-capture-pra-'));
  const account = appliance.state.accounts[0]!;
  // No --product: the capture must find out that the target is a PRA appliance.
  result = await capture({
    target: appliance.url,
    clientId: account.clientId,
    clientSecret: account.clientSecret,
    rate: 0,
    out: dir,
    ...WINDOW,
    maxSessions: 4,
  });
  manifest = JSON.parse(fixture('manifest.json')) as Manifest;

  // The original answers, asked again of the frozen appliance: the same bytes the capture read.
  const direct = await testMock({ seed: 3, now: NOW, frozenClock: true, product: 'pra' });
  for (const e of manifest.entries) {
    const res = await direct.report({ generate_report: e.generate_report, ...e.parameters });
    originals.set(e.file, res.body);
  }
  await direct.close();
  served = await testMock({ rawFixtures: dir, product: 'pra' });
});

afterAll(async () => {
  await served?.close();
  await appliance.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('capture → serve round trip of a PRA appliance', () => {
  it('detects the product and captures every XML report type of PRA, binary ones excluded', () => {
    expect(result.product).toMatchObject({ product: 'pra', source: 'detected' });
    const xml = PRA_REPORT_TYPES.filter((t) => t.body === 'xml').map((t) => t.name);
    expect(new Set(manifest.entries.map((e) => e.generate_report))).toEqual(new Set(xml));
    expect(result.excluded.map((e) => e.split(' ')[0]).sort()).toEqual(
      PRA_REPORT_TYPES.filter((t) => t.body !== 'xml')
        .map((t) => t.name)
        .sort(),
    );
    expect(result.notServed).toEqual([]);
    const byLsid = manifest.entries.filter((e) => e.parameters.lsid);
    expect(byLsid).toHaveLength(4);
    expect(new Set(byLsid.map((e) => e.generate_report))).toEqual(new Set(['AccessSession']));
  });

  it('has data to anonymise in each report: sessions, Jump Items, vault activity, team events', () => {
    for (const [report, item] of [
      ['AccessSession', 'session'],
      ['JumpItem', 'jump_item'],
      ['VaultAccountActivity', 'vault_account_activity'],
      ['Team', 'event'],
      ['AccessSessionSummary', 'summary'],
    ] as const) {
      expect(originals.get(entryOf(report).file), report).toContain(`<${item} `);
    }
  });

  it('leaves no original name, user name, Jump Item, address or host name in any fixture', () => {
    const personal = [...originals.values()].flatMap(personalValues);
    const jumpItems = texts(originals.get(entryOf('JumpItem').file)!, "//*[local-name()='name']");
    expect(jumpItems.length).toBeGreaterThan(5);
    for (const name of jumpItems.filter((n) => n.length >= 3)) expect(personal).toContain(name);
    const all = readdirSync(dir)
      .map((f) => fixture(f))
      .join('\n');
    expect(leaked(personal, all)).toEqual([]);
  });

  it('replaces the vault account names injected into sessions and the users of vault activity', () => {
    const session = originals.get(entryOf('AccessSession').file)!;
    const accounts = [...session.matchAll(/name="credential_name" value="([^"]+)"/g)].map(
      (m) => m[1]!,
    );
    expect(accounts.length).toBeGreaterThan(0);
    const vault = originals.get(entryOf('VaultAccountActivity').file)!;
    const users = texts(vault, "//*[local-name()='performed_by']");
    expect(users.length).toBeGreaterThan(0);
    const all = readdirSync(dir)
      .map((f) => fixture(f))
      .join('\n');
    expect(leaked([...accounts, ...users], all.replaceAll('&amp;', '&'))).toEqual([]);
  });

  it('keeps structure, counts, timestamps, ids and lsids', () => {
    const skeleton = (xml: string) =>
      [...xml.matchAll(/<\/?[\w]+|\b(?:timestamp|lsid|gsnumber|id|account|type)="[^"]*"/g)]
        .map((m) => m[0])
        .join(' ');
    for (const e of manifest.entries) {
      const original = originals.get(e.file)!;
      expect(skeleton(fixture(e.file)), e.file).toBe(skeleton(original));
      if (personalValues(original).length > 0) expect(fixture(e.file)).not.toBe(original);
    }
  });

  it('gives one endpoint one pseudonym in JumpItem and as the primary_customer of AccessSession', () => {
    const items = (xml: string) =>
      texts(xml, "//*[local-name()='jump_item']/*[local-name()='name']");
    const customers = (xml: string) => texts(xml, "//*[local-name()='primary_customer']");
    const jump = entryOf('JumpItem').file;
    const session = entryOf('AccessSession').file;
    const [itemsBefore, itemsAfter] = [items(originals.get(jump)!), items(fixture(jump))];
    const [custBefore, custAfter] = [
      customers(originals.get(session)!),
      customers(fixture(session)),
    ];
    const shared = custBefore.filter((c) => itemsBefore.includes(c));
    expect(shared.length).toBeGreaterThan(0);
    for (const name of shared) {
      const pseudonym = itemsAfter[itemsBefore.indexOf(name)];
      expect(pseudonym).not.toBe(name);
      expect(custAfter[custBefore.indexOf(name)]).toBe(pseudonym);
    }
  });

  it('serves every fixture byte for byte, and each validates against the PRA schema', async () => {
    for (const e of manifest.entries) {
      const res = await served.report({ generate_report: e.generate_report, ...e.parameters });
      expect(res.statusCode).toBe(e.status);
      expect(res.rawPayload.equals(readFileSync(join(dir, e.file)))).toBe(true);
      expectValid(res.body, undefined, 'pra');
    }
  });

  it('refuses report types of the other product before writing anything', async () => {
    const account = appliance.state.accounts[0]!;
    const out = join(dir, 'not-written');
    await expect(
      capture({
        target: appliance.url,
        clientId: account.clientId,
        clientSecret: account.clientSecret,
        rate: 0,
        out,
        reportTypes: ['SupportSession'],
      }),
    ).rejects.toThrow(/^BAD_OPTION: not report types of product pra: SupportSession$/);
    expect(readdirSync(dir)).not.toContain('not-written');
  });
});
