import { describe, expect, it } from 'vitest';
import { runContract } from '../contracts/runner.js';
import type { Breakage } from '../server/breakage.js';
import type { ContractFindingCode } from '../server/errors.js';
import { listen } from '../server/listen.js';
import { NOW } from './helpers.js';

/** Each deliberately broken mode of the mock, and the finding the kit must report for it. */
const MODES: [Breakage, ContractFindingCode][] = [
  ['namespace', 'NAMESPACE'],
  ['extra-element', 'XSD'],
  ['invalid-char', 'WELL_FORMED'],
  ['keepalive', 'CONNECTION_CLOSE'],
  ['html-error', 'CONTENT_TYPE'],
  ['server-error', 'STATUS'],
  ['listing-mismatch', 'LISTING_DETAIL'],
];

async function kitAgainst(breakage?: Breakage) {
  const mock = await listen({ seed: 1, now: NOW, frozenClock: true, breakage });
  try {
    const account = mock.state.accounts[0]!;
    return await runContract({
      target: mock.url,
      clientId: account.clientId,
      clientSecret: account.clientSecret,
      rate: 0,
      reportTypes: ['SupportSessionListing', 'SupportSession'],
      tokenChecks: false,
    });
  } finally {
    await mock.close();
  }
}

describe('the kit against a deliberately broken mock', () => {
  it('finds nothing wrong with the unbroken mock', async () => {
    const report = await kitAgainst();
    expect(report.summary.failed).toBe(0);
  });

  it.each(MODES)('breakage %s fails with a %s finding', async (mode, code) => {
    const report = await kitAgainst(mode);
    expect(report.summary.failed).toBeGreaterThan(0);
    const codes = new Set(
      report.cases.flatMap((c) =>
        c.findings.filter((f) => f.severity === 'error').map((f) => f.code),
      ),
    );
    expect(codes).toContain(code);
  });

  it('locates an unexpected element by its XPath and quotes the payload', async () => {
    const report = await kitAgainst('extra-element');
    const xsd = report.cases.flatMap((c) => c.findings).find((f) => f.code === 'XSD')!;
    expect(xsd.xpath).toMatch(/^\/(session_list|session_summary_list)\/debug_info$/);
    expect(xsd.excerpt).toContain('<debug_info>');
  });

  it('names the session a listing leaves out', async () => {
    const report = await kitAgainst('listing-mismatch');
    const mismatch = report.cases.filter((c) =>
      c.findings.some((f) => f.code === 'LISTING_DETAIL'),
    );
    expect(mismatch.length).toBe(4);
    expect(mismatch[0]!.findings[0]!.message).toMatch(
      /in SupportSession but not in the listing: [0-9a-f]{32}/,
    );
  });
});
