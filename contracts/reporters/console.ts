import { formatDrift } from '../drift.js';
import type { CaseResult, ContractReport } from '../types.js';
import { groupByReportType, verdictLine } from './groups.js';

const MARK = { pass: 'ok  ', fail: 'FAIL', skipped: 'skip', 'not-served': '--  ' } as const;

/** One progress line per case, as the kit runs. */
export function progressLine(result: CaseResult): string {
  const reason = result.status !== 'pass' && result.reason ? ` (${result.reason})` : '';
  return `${MARK[result.status]} ${result.reportType} · ${result.title}${reason}\n`;
}

/** The console summary: per report type, failures with their rule, XPath and what was seen. */
export function consoleSummary(report: ContractReport): string {
  const out: string[] = [];
  out.push(`Contract kit against ${report.target}`);
  out.push(
    `  product: ${report.product.product} (${report.product.source}: ${report.product.reason})`,
  );
  out.push(`  schema: ${report.schema.source} (namespace ${report.schema.targetNamespace})`);
  if (report.schema.warning) out.push(`  warning: ${report.schema.warning}`);
  out.push(
    `  window: ${new Date(report.window.from * 1000).toISOString()} → ${new Date(report.window.to * 1000).toISOString()}, date ${report.window.date}`,
  );
  out.push('');
  for (const group of groupByReportType(report)) {
    const c = group.counts;
    const counts =
      group.status === 'not-served'
        ? 'not served by target'
        : `${c.pass} passed, ${c.fail} failed, ${c.skipped} skipped`;
    out.push(`${MARK[group.status]} ${group.name}: ${counts}`);
    for (const r of group.cases) {
      if (r.status === 'skipped') out.push(`       skip ${r.title}: ${r.reason}`);
      for (const f of r.findings) {
        const tag = f.severity === 'error' ? 'FAIL' : 'warn';
        out.push(
          `       ${tag} ${r.title} [${f.code}] ${f.message}${f.xpath ? ` at ${f.xpath}` : ''}`,
        );
        out.push(`            rule: ${f.rule}`);
      }
    }
  }
  if (report.notServed.length > 0)
    out.push('', `Not served by target: ${report.notServed.join(', ')}`);
  if (report.drift) out.push('', formatDrift(report.drift).trimEnd());
  out.push('', verdictLine(report), '');
  return out.join('\n');
}
