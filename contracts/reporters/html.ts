import { formatDrift } from '../drift.js';
import type { CaseResult, ContractReport, Finding } from '../types.js';
import { visible } from '../xml.js';
import { groupByReportType, verdictLine, type ReportGroup } from './groups.js';

function esc(value: unknown): string {
  return visible(String(value))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const STYLE = `
body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1b1f24;background:#f6f7f9}
header,main{max-width:1100px;margin:0 auto;padding:16px 24px}
header{background:#fff;border-bottom:1px solid #d0d7de}
h1{font-size:24px;margin:8px 0}h2{font-size:19px;margin:0 0 8px}h3{font-size:15px;margin:0 0 4px}
.verdict{font-size:18px;font-weight:600;padding:8px 12px;border-radius:6px;display:inline-block}
.verdict.pass{background:#dafbe1;color:#116329}.verdict.fail{background:#ffebe9;color:#a40e26}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:8px 0}dt{color:#57606a}dd{margin:0}
.notice{background:#fff8c5;border:1px solid #d4a72c;padding:8px 12px;border-radius:6px}
table{border-collapse:collapse;width:100%;background:#fff}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eaeef2;vertical-align:top}
.badge{font-size:12px;font-weight:600;padding:2px 8px;border-radius:10px;text-transform:uppercase}
.badge.pass{background:#dafbe1;color:#116329}.badge.fail{background:#ffebe9;color:#a40e26}
.badge.skipped{background:#eaeef2;color:#57606a}.badge.not-served{background:#ddf4ff;color:#0550ae}
section.report-type{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:16px;margin:16px 0}
.finding{border-left:4px solid #cf222e;padding:6px 12px;margin:10px 0;background:#fff5f5}
.finding.warning{border-color:#d4a72c;background:#fffbeb}
.finding p{margin:2px 0}code{background:#eaeef2;padding:1px 4px;border-radius:4px}
pre{background:#1b1f24;color:#e6edf3;padding:8px;border-radius:6px;overflow-x:auto;white-space:pre-wrap;word-break:break-all}
.params{color:#57606a;font-family:ui-monospace,monospace;font-size:13px}
`;

function findingHtml(f: Finding): string {
  return `<div class="finding ${f.severity}">
<h3>${f.severity === 'error' ? 'Failure' : 'Warning'}: ${esc(f.code)}</h3>
<p class="seen"><strong>Seen:</strong> ${esc(f.message)}</p>
<p class="rule"><strong>Rule:</strong> ${esc(f.rule)}</p>
${f.xpath ? `<p class="xpath"><strong>XPath:</strong> <code>${esc(f.xpath)}</code></p>` : ''}
${f.excerpt ? `<pre class="excerpt">${esc(f.excerpt)}</pre>` : ''}
</div>`;
}

function caseRow(c: CaseResult): string {
  const params = c.request
    ? `${c.request.method} ${c.request.encoding}: ${Object.entries(c.request.params)
        .map(([k, v]) => `${k}=${v}`)
        .join('&')}`
    : '';
  const response = c.response
    ? `${c.response.status} · ${c.response.contentType || 'no type'} · ${c.response.bytes} bytes`
    : '';
  const findings = c.findings.map(findingHtml).join('');
  return `<tr class="case ${c.status}"><td><span class="badge ${c.status}">${c.status}</span></td>
<td>${esc(c.title)}${c.reason ? `<br><em>${esc(c.reason)}</em>` : ''}<div class="params">${esc(params)}</div>${findings}</td>
<td>${esc(response)}</td></tr>`;
}

function groupSection(g: ReportGroup): string {
  const c = g.counts;
  const counts =
    g.status === 'not-served'
      ? 'not served by target'
      : `${c.pass} passed, ${c.fail} failed, ${c.skipped} skipped`;
  return `<section class="report-type ${g.status}" id="${esc(g.name)}">
<h2>${esc(g.name)} <span class="badge ${g.status}">${g.status}</span></h2>
<p class="counts">${esc(counts)}</p>
<table><thead><tr><th>Result</th><th>Case</th><th>Answer</th></tr></thead><tbody>
${g.cases.map(caseRow).join('\n')}
</tbody></table></section>`;
}

/**
 * A self-contained HTML page: no script, no external resource. The verdict first, then a table of
 * report types, then one section per report type with each case, and each failure with its
 * XPath, the rule broken and an excerpt of the payload.
 */
export function htmlReport(report: ContractReport): string {
  const groups = groupByReportType(report);
  const failed = report.summary.failed > 0;
  const overview = groups
    .map(
      (g) =>
        `<tr><td><a href="#${esc(g.name)}">${esc(g.name)}</a></td><td><span class="badge ${g.status}">${g.status}</span></td><td>${g.counts.pass}</td><td>${g.counts.fail}</td><td>${g.counts.skipped}</td></tr>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Contract report: ${esc(report.target)}</title><style>${STYLE}</style></head>
<body><header>
<h1>Contract report</h1>
<p class="verdict ${failed ? 'fail' : 'pass'}">${esc(verdictLine(report))}</p>
<dl><dt>Target</dt><dd>${esc(report.target)}</dd>
<dt>Schema</dt><dd>${esc(report.schema.source)} (namespace <code>${esc(report.schema.targetNamespace)}</code>)</dd>
<dt>Window</dt><dd>${esc(new Date(report.window.from * 1000).toISOString())} → ${esc(new Date(report.window.to * 1000).toISOString())}</dd>
<dt>Run</dt><dd>${esc(report.startedAt)} → ${esc(report.finishedAt)}</dd></dl>
${report.schema.warning ? `<p class="notice">${esc(report.schema.warning)}</p>` : ''}
${report.notServed.length ? `<p class="notice" id="not-served">Not served by target: ${esc(report.notServed.join(', '))}</p>` : ''}
</header><main>
<table class="overview"><thead><tr><th>Report type</th><th>Result</th><th>Passed</th><th>Failed</th><th>Skipped</th></tr></thead><tbody>
${overview}
</tbody></table>
${groups.map(groupSection).join('\n')}
${report.drift ? `<section class="report-type" id="drift"><h2>Schema drift</h2><pre>${esc(formatDrift(report.drift))}</pre></section>` : ''}
</main></body></html>
`;
}
