import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import libxml, { type Element } from 'libxmljs2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlReport } from '../contracts/reporters/html.js';
import { junitXml } from '../contracts/reporters/junit.js';
import { runContract } from '../contracts/runner.js';
import type { ContractReport } from '../contracts/types.js';
import { listen } from '../server/listen.js';
import { NOW } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const dir = mkdtempSync(join(tmpdir(), 'btmock-html-'));
let report: ContractReport;
let dom: libxml.Document;
let screenshot: Buffer;

/** Headless Chromium with everything that would reach the network turned off. */
function chromium(...args: string[]): string {
  return execFileSync(
    CHROMIUM,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      `--user-data-dir=${join(dir, 'profile')}`,
      ...args,
    ],
    { cwd: dir, encoding: 'utf8', timeout: 90_000, stdio: ['ignore', 'pipe', 'ignore'] },
  );
}

const text = (el: Element | undefined) => (el?.text() ?? '').replace(/\s+/g, ' ').trim();

beforeAll(async () => {
  // An appliance version without SupportTeam, so the page has a type it must list as not served.
  const mock = await listen({
    seed: 1,
    now: NOW,
    frozenClock: true,
    breakage: 'extra-element',
    unservedReports: ['SupportTeam'],
  });
  const account = mock.state.accounts[0]!;
  report = await runContract({
    target: mock.url,
    clientId: account.clientId,
    clientSecret: account.clientSecret,
    rate: 0,
    reportTypes: ['SupportSessionListing', 'SupportSession', 'SupportTeam'],
    tokenChecks: false,
  });
  await mock.close();
  const page = join(dir, 'report.html');
  writeFileSync(page, htmlReport(report));
  dom = libxml.parseHtml(chromium('--dump-dom', `file://${page}`));
  chromium('--window-size=1200,1600', `--screenshot=${join(dir, 'report.png')}`, `file://${page}`);
  screenshot = readFileSync(join(dir, 'report.png'));
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the HTML report as Chromium renders it', () => {
  it('opens with the verdict a person reads first', () => {
    const verdict = dom.get("//p[contains(@class,'verdict')]") as Element;
    expect(verdict.attr('class')?.value()).toBe('verdict fail');
    expect(text(verdict)).toBe(
      `FAILED: ${report.summary.failed} of ${report.cases.length} checks failed (1 report types not served by the target)`,
    );
  });

  it('lists each report type with its result, and names the type the target does not serve', () => {
    const rows = (dom.find("//table[@class='overview']/tbody/tr") as Element[]).map((tr) =>
      (tr.find('td') as Element[]).slice(0, 2).map(text),
    );
    expect(rows).toEqual([
      ['Authentication', 'pass'],
      ['SupportSessionListing', 'fail'],
      ['SupportSession', 'fail'],
      ['SupportTeam', 'not-served'],
    ]);
    expect(text(dom.get("//p[@id='not-served']") as Element)).toBe(
      'Not served by target: SupportTeam',
    );
  });

  it('shows each failure with its XPath, the rule broken and an excerpt of the payload', () => {
    const findings = dom.find(
      "//section[@id='SupportSession']//div[contains(@class,'finding')]",
    ) as Element[];
    const xsd = findings.find((f) => text(f).includes('XSD'))!;
    expect(text(xsd.get(".//p[@class='xpath']/code") as Element)).toBe('/session_list/debug_info');
    expect(text(xsd.get(".//p[@class='rule']") as Element)).toContain(
      "validates against the target's published schema",
    );
    expect(text(xsd.get(".//pre[@class='excerpt']") as Element)).toContain(
      '<debug_info>btmock</debug_info>',
    );
  });

  it('renders to a screenshot', () => {
    expect(screenshot.subarray(1, 4).toString()).toBe('PNG');
    expect(screenshot.length).toBeGreaterThan(20_000);
  });

  it('is matched by JUnit XML with one failing testcase per failing case', () => {
    const junit = libxml.parseXml(junitXml(report));
    expect(junit.find('//testcase[failure]').length).toBe(report.summary.failed);
    expect(junit.find("//testsuite[@name='SupportTeam']/testcase/skipped").length).toBe(
      report.cases.filter((c) => c.reportType === 'SupportTeam').length,
    );
  });
});
