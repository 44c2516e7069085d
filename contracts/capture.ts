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
import { HttpClient, mediaType, targetUrl, type HttpClientOptions } from './http-client.js';
import { Pseudonyms } from './pseudonyms.js';
import { REPORT_TYPES } from './report-types.js';
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
  onProgress?: (line: string) => void;
}

export interface CaptureResult {
  dir: string;
  entries: ManifestEntry[];
  notServed: string[];
  /** Report types never captured, with the reason. */
  excluded: string[];
}

interface Planned {
  generateReport: string;
  params: Record<string, string>;
}

interface Fetched extends Planned {
  status: number;
  contentType: string;
  body: string;
}

const INVALID_REPORT_TYPE = /<error[^>]*>Invalid report type\.<\/error>/;

function isoDate(epoch: number): string {
  return new Date(epoch * 1000).toISOString().slice(0, 10);
}

/** The XML reports of a window; binary reports are never captured (see `excluded`). */
function plan(start: number, duration: number, wanted: (name: string) => boolean): Planned[] {
  const t = { start_time: String(start), duration: String(duration) };
  const e = { end_time: String(start), duration: String(duration) };
  const list: Planned[] = [
    { generateReport: 'SupportSessionListing', params: t },
    { generateReport: 'SupportSessionListing', params: e },
    { generateReport: 'SupportSession', params: t },
    { generateReport: 'SupportSession', params: e },
    ...['rep', 'team', 'site'].map((r) => ({
      generateReport: 'SupportSessionSummary',
      params: { ...t, report_type: r },
    })),
    { generateReport: 'PresentationSessionListing', params: t },
    { generateReport: 'PresentationSession', params: t },
    { generateReport: 'SupportCustExitSurvey', params: { ...t, report_type: 'rep', id: 'all' } },
    { generateReport: 'SupportRepExitSurvey', params: { ...t, report_type: 'rep', id: 'all' } },
    { generateReport: 'SupportTeam', params: t },
    { generateReport: 'ArchiveListing', params: { date: isoDate(start) } },
    { generateReport: 'LicenseUsage', params: { ...t, group_by: 'hour' } },
  ];
  return list.filter((p) => wanted(p.generateReport));
}

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
  const start = options.start ?? (await targetClock(http, options, token)).now - duration;
  const wanted = (name: string) => !options.reportTypes || options.reportTypes.includes(name);
  ensureEmptyDir(options.out);

  const fetched: Fetched[] = [];
  const notServed = new Set<string>();
  const queue = plan(start, duration, wanted);
  const fetchOne = async (p: Planned, n: number, total: number) => {
    const query = new URLSearchParams({ generate_report: p.generateReport, ...p.params });
    const response = await http.request({
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
  const listing = fetched.find((f) => f.generateReport === 'SupportSessionListing');
  const lsids = listing
    ? [...listing.body.matchAll(/<session_summary\b[^>]*\blsid="([0-9a-f]{32})"/g)].map(
        (m) => m[1]!,
      )
    : [];
  const detail = wanted('SupportSession') ? lsids.slice(0, options.maxSessions ?? 20) : [];
  for (const [i, lsid] of detail.entries()) {
    await fetchOne({ generateReport: 'SupportSession', params: { lsid } }, i + 1, detail.length);
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

  const excluded = REPORT_TYPES.filter((t) => t.body !== 'xml' && wanted(t.name)).map(
    (t) => `${t.name} (binary: not anonymisable, never captured)`,
  );
  return { dir: options.out, entries, notServed: [...notServed], excluded };
}
