import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  FIXTURE_FORMAT,
  FIXTURE_VERSION,
  MANIFEST,
  type Manifest,
  type ManifestEntry,
} from '../server/fixtures/raw.js';
import { ToolError } from '../server/errors.js';
import { anonymiseXml, personalValues, type AnonymiseContext } from './anonymiser.js';
import {
  HttpClient,
  mediaType,
  requestRespectingRateLimit,
  targetUrl,
  type HttpClientOptions,
} from './http-client.js';
import { capturePlan, type Planned } from './capture-plan.js';
import { detectProduct, type ProductChoice, type ProductOrigin } from './product.js';
import { Pseudonyms } from './pseudonyms.js';
import { reportTypesFor } from './report-types-pra.js';
import { requestToken, targetClock, type TargetOptions } from './target.js';

export interface CaptureOptions extends TargetOptions, HttpClientOptions {
  /** Directory to write; created, and must be empty if it exists. */
  out: string;
  /** Window start, UNIX seconds (default: one window before the target's clock). */
  start?: number;
  /** Window length in seconds (default one day). */
  duration?: number;
  /** Seed of the pseudonyms: the same capture and seed give the same fixtures. */
  seed?: number;
  /** Detail requests by lsid for at most this many sessions of the listing. */
  maxSessions?: number;
  reportTypes?: string[];
  /** The target's product (default `auto`: detected from its answers, as the contract run does). */
  product?: ProductChoice;
  onProgress?: (line: string) => void;
}

export interface CaptureResult {
  dir: string;
  entries: ManifestEntry[];
  notServed: string[];
  /** Report types never captured, with the reason. */
  excluded: string[];
  /** Whose report table was captured, and why. */
  product: ProductOrigin;
}

interface Fetched extends Planned {
  status: number;
  contentType: string;
  body: string;
}

const INVALID_REPORT_TYPE = /<error[^>]*>Invalid report type\.<\/error>/;

function ensureEmptyDir(dir: string): void {
  if (existsSync(dir) && readdirSync(dir).length > 0)
    throw new ToolError('CAPTURE_FAILED', `${dir} exists and is not empty`);
  mkdirSync(dir, { recursive: true });
}

/**
 * Pulls a window of reports from an appliance and writes anonymised fixtures the mock can serve
 * (`btmock serve --fixtures DIR`): listings and details of the window, then SupportSession by
 * lsid for listed sessions, so links between reports hold. Every answer is fetched first, so
 * pseudonyms can be chosen that contain none of the capture's original values.
 */
export async function capture(options: CaptureOptions): Promise<CaptureResult> {
  const progress = options.onProgress ?? (() => {});
  const http = new HttpClient(options);
  const grant = await requestToken(http, options);
  if (!grant.ok) throw new ToolError('CONTRACT_TARGET', grant.problem);
  const token = grant.grant.accessToken;
  const duration = options.duration ?? 86_400;
  const now = (await targetClock(http, options, token)).now;
  const start = options.start ?? now - duration;
  const choice = options.product ?? 'auto';
  const product: ProductOrigin =
    choice === 'auto'
      ? await detectProduct(http, options.target, token, String(now + 86_400))
      : { product: choice, source: 'option', reason: `--product ${choice}` };
  const table = reportTypesFor(product.product);
  const unknown = options.reportTypes?.filter((n) => !table.some((t) => t.name === n)) ?? [];
  if (unknown.length > 0)
    throw new ToolError(
      'BAD_OPTION',
      `not report types of product ${product.product}: ${unknown.join(', ')}`,
    );
  const wanted = (name: string) => !options.reportTypes || options.reportTypes.includes(name);
  progress(`product ${product.product} (${product.reason})\n`);
  ensureEmptyDir(options.out);

  const fetched: Fetched[] = [];
  const notServed = new Set<string>();
  const plan = capturePlan(product.product, start, duration, wanted);
  const queue = plan.window;
  const fetchOne = async (p: Planned, n: number, total: number) => {
    const query = new URLSearchParams({ generate_report: p.generateReport, ...p.params });
    const response = await requestRespectingRateLimit(http, {
      method: 'GET',
      url: targetUrl(options.target, `/api/reporting?${query}`),
      headers: { Authorization: `Bearer ${token}` },
    });
    const label = `[${n}/${total}] ${p.generateReport} ${new URLSearchParams(p.params)}`;
    if (!response.ok) throw new ToolError('CAPTURE_FAILED', `${label}: ${response.error}`);
    if (response.oversize)
      throw new ToolError('CAPTURE_FAILED', `${label}: answer larger than ${http.maxBytes} bytes`);
    if (response.status !== 200)
      throw new ToolError('CAPTURE_FAILED', `${label}: HTTP ${response.status}`);
    const body = response.body.toString('utf8');
    const contentType = mediaType(response.headers).raw;
    progress(`${label} → ${response.status} ${contentType}, ${response.body.length} bytes\n`);
    if (INVALID_REPORT_TYPE.test(body)) {
      notServed.add(p.generateReport);
      return;
    }
    fetched.push({ ...p, status: response.status, contentType, body });
  };

  for (const [i, p] of queue.entries()) await fetchOne(p, i + 1, queue.length);

  // Detail by lsid for sessions of the listing: the fixtures then hold the links clients follow.
  const listing = fetched.find((f) => f.generateReport === plan.listing);
  const lsids = listing
    ? [...listing.body.matchAll(/<session_summary\b[^>]*\blsid="([0-9a-f]{32})"/g)].map(
        (m) => m[1]!,
      )
    : [];
  const detail = wanted(plan.detail) ? lsids.slice(0, options.maxSessions ?? 20) : [];
  for (const [i, lsid] of detail.entries()) {
    await fetchOne({ generateReport: plan.detail, params: { lsid } }, i + 1, detail.length);
  }

  const ctx = (f: Fetched): AnonymiseContext => ({
    generateReport: f.generateReport,
    params: f.params,
  });
  const originals = fetched.flatMap((f) => personalValues(f.body, ctx(f)).map((r) => r.value));
  const pseudonyms = new Pseudonyms(options.seed ?? 1, originals);

  const entries: ManifestEntry[] = fetched.map((f, i) => {
    const file = `${String(i + 1).padStart(3, '0')}-${f.generateReport}.xml`;
    writeFileSync(join(options.out, file), anonymiseXml(f.body, ctx(f), pseudonyms));
    return {
      generate_report: f.generateReport,
      parameters: f.params,
      file,
      content_type: f.contentType,
      status: f.status,
    };
  });
  const manifest: Manifest = {
    format: FIXTURE_FORMAT,
    version: FIXTURE_VERSION,
    description: `captured ${new Date().toISOString()}, window ${start} + ${duration} s, anonymised (seed ${options.seed ?? 1})`,
    entries,
  };
  writeFileSync(join(options.out, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  progress(`wrote ${entries.length} fixtures and ${MANIFEST} to ${options.out}\n`);

  return {
    dir: options.out,
    entries,
    notServed: [...notServed],
    excluded: plan.excluded,
    product,
  };
}
