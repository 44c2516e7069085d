import { productSchemaText } from '../schemas/products.js';
import { ToolError } from '../server/errors.js';
import { checkTokenAnswer, checkTokenLifecycle, AUTH_GROUP } from './checks/token.js';
import { compareLsids } from './compare.js';
import { DISCOVERED_VALUE_NAMES, Discovery } from './discovery.js';
import { diffSchemas } from './drift.js';
import { execute, type ExecuteContext } from './execute.js';
import { HttpClient, type HttpClientOptions } from './http-client.js';
import { buildMatrix, type MatrixCase } from './matrix.js';
import { UNKNOWN_LSID } from './report-sets.js';
import { detectProduct, type ProductChoice, type ProductOrigin } from './product.js';
import type { DiscoveredValue, ParamValue, WindowValue } from './report-types.js';
import { reportTypesFor } from './report-types-pra.js';
import { loadSchema } from './schema-source.js';
import { requestToken, targetClock, TokenKeeper, type TargetOptions } from './target.js';
import { settle, summarise, type CaseResult, type ContractReport } from './types.js';

export interface ContractOptions extends TargetOptions, HttpClientOptions {
  /** A schema file or URL; by default the target's own /api/reporting.xsd. */
  schema?: string;
  /** Only these report types (names of spec §10 or Appendix A). */
  reportTypes?: string[];
  /** The target's product, or `auto` (default) to detect it from its answers. */
  product?: ProductChoice;
  /** Length of the window the matrix asks for, seconds (default one day). */
  windowSeconds?: number;
  /** End of that window, UNIX seconds (default: the target's clock). */
  windowEnd?: number;
  /** Longest wait for a token to expire, seconds; a longer lifetime skips the check. */
  maxWait?: number;
  /** Token cap per account for the eviction check; null turns the check off. */
  tokenCap?: number | null;
  /** Run the token lifecycle checks (default true). */
  tokenChecks?: boolean;
  /** Compare the bundled schema with the one used. */
  drift?: boolean;
  /** Called after each case, for progress output. */
  onCase?: (result: CaseResult) => void;
}

export const DEFAULT_WINDOW_SECONDS = 86_400;
export const DEFAULT_MAX_WAIT = 10;
export const DEFAULT_TOKEN_CAP = 30;

function isoDate(epoch: number): string {
  return new Date(epoch * 1000).toISOString().slice(0, 10);
}

/** The concrete values behind the matrix's window placeholders. */
function windowValues(from: number, seconds: number, now: number): Record<WindowValue, string> {
  return {
    startTime: String(from),
    seconds: String(seconds),
    date: isoDate(from + seconds - 86_400),
    days: '1',
    futureTime: String(now + 86_400),
    futureDate: isoDate(now + 3 * 86_400),
  };
}

function resolve(
  params: Record<string, ParamValue>,
  windows: Record<WindowValue, string>,
  discovery: Discovery,
): { values: Record<string, string> } | { missing: DiscoveredValue } {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'string') out[name] = value;
    else if ('window' in value) out[name] = windows[value.window];
    else {
      const found = discovery.get(value.found);
      if (found === undefined) return { missing: value.found };
      out[name] = found;
    }
  }
  return { values: out };
}

/**
 * Runs the kit against a target: a token, the target's clock and schema, every case of the
 * request matrix, the listing ↔ detail and GET ↔ POST comparisons, then the token lifecycle.
 */
export async function runContract(options: ContractOptions): Promise<ContractReport> {
  const startedAt = new Date().toISOString();
  const http = new HttpClient(options);
  const cases: CaseResult[] = [];
  const record = (r: CaseResult) => {
    cases.push(r);
    options.onCase?.(r);
  };

  const tokenAnswer = await requestToken(http, options);
  record(checkTokenAnswer(tokenAnswer));
  if (!tokenAnswer.ok)
    throw new ToolError('CONTRACT_TARGET', `${options.target}: ${tokenAnswer.problem}`);
  const keeper = new TokenKeeper(http, options, tokenAnswer.grant);

  const clock = await targetClock(http, options, await keeper.current());
  const seconds = options.windowSeconds ?? DEFAULT_WINDOW_SECONDS;
  const end = options.windowEnd ?? clock.now;
  const windows = windowValues(end - seconds, seconds, clock.now);

  // The request matrix follows the target's product (spec Appendix A).
  const choice = options.product ?? 'auto';
  const product: ProductOrigin =
    choice === 'auto'
      ? await detectProduct(http, options.target, await keeper.current(), windows.futureTime)
      : { product: choice, source: 'option', reason: `--product ${choice}` };
  const { validator, origin } = await loadSchema(http, {
    schema: options.schema,
    target: options.target,
    token: await keeper.current(),
    product: product.product,
  });
  const table = reportTypesFor(product.product);

  const wanted = options.reportTypes;
  const unknown = wanted?.filter((n) => !table.some((t) => t.name === n)) ?? [];
  if (unknown.length > 0)
    throw new ToolError(
      'BAD_OPTION',
      `not report types of product ${product.product}: ${unknown.join(', ')}`,
    );
  const types = table.filter((t) => !wanted || wanted.includes(t.name));

  const ctx: ExecuteContext = {
    http,
    target: options.target,
    token: () => keeper.current(),
    validator,
    namespace: origin.targetNamespace,
    maxBytes: http.maxBytes,
  };
  const discovery = new Discovery();
  const lsids = new Map<string, string[]>();
  const notServed = new Set<string>();
  const sent = new Set<string>();

  for (const c of buildMatrix(types)) {
    const type = c.reportType.name;
    if (notServed.has(type)) {
      record(notServedCase(c));
      continue;
    }
    const params = resolve(c.params, windows, discovery);
    if ('missing' in params) {
      // A multipart body is ignored whatever it holds: a placeholder stands in.
      if (c.expect.kind !== 'multipart') {
        record({
          id: c.id,
          reportType: type,
          title: c.title,
          status: 'skipped',
          reason: `needs ${DISCOVERED_VALUE_NAMES[params.missing]} from the target's data in the window; none was found`,
          findings: [],
        });
        continue;
      }
    }
    const values = 'missing' in params ? { lsid: UNKNOWN_LSID } : params.values;
    const executed = await execute(ctx, c, values, !sent.has(type));
    sent.add(type);
    if (executed.verdict?.kind === 'not-served') {
      notServed.add(type);
      record(notServedCase(c));
      continue;
    }
    if (executed.verdict?.kind === 'data' && executed.answer)
      discovery.learn(type, executed.answer);
    if (executed.lsids && c.set) lsids.set(`${type}/${c.set.name}/${c.method}`, executed.lsids);
    record(settle(executed.result));
  }

  // Cases skipped before their type turned out not to be served are not served either.
  for (const c of cases) {
    if (c.status === 'skipped' && notServed.has(c.reportType))
      Object.assign(c, {
        status: 'not-served',
        reason: 'the target answers "Invalid report type."',
      });
  }
  for (const r of compareLsids(types, lsids)) record(r);

  if (options.tokenChecks ?? true) {
    const probe = {
      generate_report: product.product === 'pra' ? 'AccessSessionListing' : 'SupportSessionListing',
      start_time: windows.futureTime,
      duration: '3600',
    };
    const lifecycle = await checkTokenLifecycle({
      http,
      target: options,
      probe,
      maxWait: options.maxWait ?? DEFAULT_MAX_WAIT,
      tokenCap: options.tokenCap === undefined ? DEFAULT_TOKEN_CAP : options.tokenCap,
    });
    for (const r of lifecycle) record(r);
  }

  const report: ContractReport = {
    target: options.target,
    startedAt,
    finishedAt: new Date().toISOString(),
    schema: origin,
    product,
    window: { from: end - seconds, to: end, date: windows.date },
    cases,
    notServed: [...notServed],
    summary: summarise(cases),
  };
  if (options.drift && !origin.fallback) {
    report.drift = diffSchemas(productSchemaText(product.product), validator.text(), {
      base: 'bundled',
      other: origin.source,
    });
  }
  return report;
}

function notServedCase(c: MatrixCase): CaseResult {
  return {
    id: c.id,
    reportType: c.reportType.name,
    title: c.title,
    status: 'not-served',
    reason: 'the target answers "Invalid report type."',
    findings: [],
  };
}

export { AUTH_GROUP };
