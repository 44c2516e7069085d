import type { ContractFindingCode } from '../server/errors.js';

/** Evidence behind a rule (spec §0.1). Rules resting only on [assumed] evidence warn, others fail. */
export type Evidence = 'doc' | 'real' | 'sister' | 'assumed';

export type Severity = 'error' | 'warning';

/** One broken rule, located in the payload where possible. */
export interface Finding {
  code: ContractFindingCode;
  severity: Severity;
  /** The rule broken, with its spec section and evidence tag. */
  rule: string;
  /** What was seen. */
  message: string;
  /** Where in the document, e.g. `/session_list/session[2]/end_time`. */
  xpath?: string;
  /** A short piece of the payload around the problem. */
  excerpt?: string;
}

export type CaseStatus = 'pass' | 'fail' | 'skipped' | 'not-served';

export interface RequestSummary {
  method: 'GET' | 'POST';
  encoding: 'query' | 'form' | 'multipart';
  params: Record<string, string>;
}

export interface ResponseSummary {
  status: number;
  contentType: string;
  bytes: number;
}

/** The outcome of one request of the matrix, or of one behavioural comparison. */
export interface CaseResult {
  id: string;
  /** A report type of spec §10, or `Authentication` for the token endpoint and lifecycle. */
  reportType: string;
  title: string;
  status: CaseStatus;
  /** Why a case was skipped or not served; a note on a passing case. */
  reason?: string;
  request?: RequestSummary;
  response?: ResponseSummary;
  findings: Finding[];
}

/** Where the schema used for validation came from. */
export interface SchemaOrigin {
  source: string;
  targetNamespace: string;
  /** True when the target's schema could not be used and the bundled one stands in. */
  fallback: boolean;
  warning?: string;
}

export interface ContractSummary {
  passed: number;
  failed: number;
  skipped: number;
  notServed: number;
  warnings: number;
}

/** Everything one run of the kit found. */
export interface ContractReport {
  target: string;
  startedAt: string;
  finishedAt: string;
  schema: SchemaOrigin;
  /** The product whose matrix ran, and how it was chosen. */
  product: import('./product.js').ProductOrigin;
  window: { from: number; to: number; date: string };
  cases: CaseResult[];
  /** Report types the target answered with `Invalid report type.`. */
  notServed: string[];
  summary: ContractSummary;
  /** Schema drift between the bundled schema and the one used, when asked for. */
  drift?: import('./drift.js').DriftReport;
}

/** Sets a case's status from its findings: any error fails it. */
export function settle(result: CaseResult): CaseResult {
  if (result.status === 'skipped' || result.status === 'not-served') return result;
  result.status = result.findings.some((f) => f.severity === 'error') ? 'fail' : 'pass';
  return result;
}

export function summarise(cases: CaseResult[]): ContractSummary {
  const count = (s: CaseStatus) => cases.filter((c) => c.status === s).length;
  return {
    passed: count('pass'),
    failed: count('fail'),
    skipped: count('skipped'),
    notServed: count('not-served'),
    warnings: cases.reduce(
      (n, c) => n + c.findings.filter((f) => f.severity === 'warning').length,
      0,
    ),
  };
}

/** A finding whose severity follows the evidence of its rule. */
export function finding(
  code: ContractFindingCode,
  evidence: Evidence,
  rule: string,
  message: string,
  where: { xpath?: string; excerpt?: string } = {},
): Finding {
  return {
    code,
    severity: evidence === 'assumed' ? 'warning' : 'error',
    rule: `${rule} [${evidence}]`,
    message,
    ...where,
  };
}
