import { REPORT_TYPES } from '../report-types.js';
import { AUTH_GROUP } from '../checks/token.js';
import type { CaseResult, CaseStatus, ContractReport } from '../types.js';

export type GroupStatus = 'pass' | 'fail' | 'not-served' | 'skipped';

export interface ReportGroup {
  name: string;
  status: GroupStatus;
  cases: CaseResult[];
  counts: Record<CaseStatus, number>;
}

/** Cases grouped by report type, in the order of spec §10 (authentication first). */
export function groupByReportType(report: ContractReport): ReportGroup[] {
  const order = [AUTH_GROUP, ...REPORT_TYPES.map((t) => t.name)];
  const names = [...new Set(report.cases.map((c) => c.reportType))].sort(
    (a, b) => order.indexOf(a) - order.indexOf(b),
  );
  return names.map((name) => {
    const cases = report.cases.filter((c) => c.reportType === name);
    const counts: Record<CaseStatus, number> = { pass: 0, fail: 0, skipped: 0, 'not-served': 0 };
    for (const c of cases) counts[c.status]++;
    const status: GroupStatus =
      counts.fail > 0
        ? 'fail'
        : counts.pass > 0
          ? 'pass'
          : counts['not-served'] > 0
            ? 'not-served'
            : 'skipped';
    return { name, status, cases, counts };
  });
}

/** The one-line verdict of a run. */
export function verdictLine(report: ContractReport): string {
  const s = report.summary;
  const head =
    s.failed > 0
      ? `FAILED: ${s.failed} of ${report.cases.length} checks failed`
      : `PASSED: all ${s.passed} checks run passed`;
  const extra = [
    s.warnings ? `${s.warnings} warnings` : '',
    s.skipped ? `${s.skipped} skipped` : '',
    report.notServed.length
      ? `${report.notServed.length} report types not served by the target`
      : '',
  ].filter(Boolean);
  return extra.length ? `${head} (${extra.join(', ')})` : head;
}
