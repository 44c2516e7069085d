import { create } from 'xmlbuilder2';
import type { ContractReport, Finding } from '../types.js';
import { groupByReportType } from './groups.js';

function findingText(f: Finding): string {
  return [
    `[${f.code}] ${f.message}`,
    `rule: ${f.rule}`,
    f.xpath ? `xpath: ${f.xpath}` : '',
    f.excerpt ? `excerpt:\n${f.excerpt}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * JUnit XML for CI: one testsuite per report type, one testcase per case. Failing cases carry
 * one <failure> with every error finding; cases not run (skipped, not served) are <skipped>;
 * warnings go to <system-out>.
 */
export function junitXml(report: ContractReport): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('testsuites', {
    name: `btmock contract ${report.target}`,
    tests: String(report.cases.length),
    failures: String(report.summary.failed),
    skipped: String(report.summary.skipped + report.summary.notServed),
  });
  for (const group of groupByReportType(report)) {
    const suite = root.ele('testsuite', {
      name: group.name,
      tests: String(group.cases.length),
      failures: String(group.counts.fail),
      skipped: String(group.counts.skipped + group.counts['not-served']),
      timestamp: report.startedAt,
    });
    for (const c of group.cases) {
      const tc = suite.ele('testcase', { classname: `contract.${group.name}`, name: c.title });
      const errors = c.findings.filter((f) => f.severity === 'error');
      const warnings = c.findings.filter((f) => f.severity === 'warning');
      if (c.status === 'fail') {
        tc.ele('failure', {
          message: errors.map((f) => `[${f.code}] ${f.message}`).join('; '),
          type: errors[0]?.code ?? 'FAIL',
        }).txt(errors.map(findingText).join('\n\n'));
      } else if (c.status === 'skipped' || c.status === 'not-served') {
        tc.ele('skipped', {
          message:
            c.status === 'not-served'
              ? `not served by target: ${c.reason ?? ''}`
              : (c.reason ?? ''),
        });
      }
      if (warnings.length > 0) tc.ele('system-out').txt(warnings.map(findingText).join('\n\n'));
    }
  }
  return root.end({ prettyPrint: true });
}
