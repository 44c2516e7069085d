import { randomBytes } from 'node:crypto';
import {
  mediaType,
  requestRespectingRateLimit,
  targetUrl,
  type HttpClient,
  type HttpResponse,
} from './http-client.js';
import type { MatrixCase } from './matrix.js';
import { checkExpectation, type AnswerVerdict } from './checks/answer.js';
import { checkBinaryHeaders, openArchive, openEndpointZip, openFlv } from './checks/binary.js';
import {
  checkTimestamps,
  checkSelection,
  checkWindow,
  itemLsids,
  windowOf,
} from './checks/content.js';
import {
  checkXmlContentType,
  readXmlAnswer,
  type DocumentContext,
  type XmlAnswer,
} from './checks/document.js';
import { openSyslogZip } from './checks/syslog-zip.js';
import { checkConnectionClose, checkStatus } from './checks/transport.js';
import { finding, type CaseResult, type Finding } from './types.js';
import { cut } from './xml.js';

export interface ExecuteContext extends DocumentContext {
  http: HttpClient;
  target: string;
  /** The matrix's token, renewed before it expires. */
  token: () => Promise<string>;
}

export interface Executed {
  result: CaseResult;
  verdict?: AnswerVerdict;
  answer?: XmlAnswer;
  /** Item lsids of a data or no-data answer, for the listing ↔ detail comparison. */
  lsids?: string[];
}

function multipartBody(fields: Record<string, string>): { body: Buffer; contentType: string } {
  const boundary = `----btmock${randomBytes(8).toString('hex')}`;
  const parts = Object.entries(fields).map(
    ([name, value]) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  return {
    body: Buffer.from(`${parts.join('')}--${boundary}--\r\n`),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** Sends one case as GET with a query, POST with a form body, or POST with a multipart body. */
export async function send(
  ctx: ExecuteContext,
  c: MatrixCase,
  params: Record<string, string>,
): Promise<HttpResponse> {
  const fields = { generate_report: c.reportType.name, ...params };
  const auth = { Authorization: `Bearer ${await ctx.token()}` };
  const query = new URLSearchParams(fields).toString();
  const request =
    c.encoding === 'query'
      ? {
          method: 'GET' as const,
          url: targetUrl(ctx.target, `/api/reporting?${query}`),
          headers: auth,
        }
      : c.encoding === 'form'
        ? {
            method: 'POST' as const,
            url: targetUrl(ctx.target, '/api/reporting'),
            headers: { ...auth, 'Content-Type': 'application/x-www-form-urlencoded' },
            body: query,
          }
        : (() => {
            const m = multipartBody(fields);
            return {
              method: 'POST' as const,
              url: targetUrl(ctx.target, '/api/reporting'),
              headers: { ...auth, 'Content-Type': m.contentType },
              body: m.body,
            };
          })();

  return requestRespectingRateLimit(ctx.http, request);
}

function binaryFindings(
  c: MatrixCase,
  params: Record<string, string>,
  body: Buffer,
  maxBytes: number,
): Finding[] {
  switch (c.reportType.body) {
    case 'flv':
      return openFlv(body).findings;
    case 'gzip':
      return openArchive(body, params.type, maxBytes).findings;
    case 'zip':
      return openEndpointZip(body, maxBytes).findings;
    case 'syslog-zip':
      return openSyslogZip(body, maxBytes).findings;
    default:
      return [];
  }
}

/** Sends a case and runs every check that applies to its answer. */
export async function execute(
  ctx: ExecuteContext,
  c: MatrixCase,
  params: Record<string, string>,
  first: boolean,
): Promise<Executed> {
  const result: CaseResult = {
    id: c.id,
    reportType: c.reportType.name,
    title: c.title,
    status: 'pass',
    request: { method: c.method, encoding: c.encoding, params },
    findings: [],
  };
  const response = await send(ctx, c, params);
  if (!response.ok) {
    result.findings.push(
      finding('TRANSPORT', 'real', '§1 the target answers every request', response.error),
    );
    return { result };
  }
  result.response = {
    status: response.status,
    contentType: String(response.headers['content-type'] ?? ''),
    bytes: response.body.length,
  };
  const f = result.findings;
  f.push(...checkStatus(response.status, 200), ...checkConnectionClose(response.headers));
  if (response.oversize) {
    f.push(
      finding(
        'SIZE',
        'real',
        `the kit reads at most ${ctx.maxBytes} bytes of an answer`,
        'the body is longer; reading stopped at the limit',
        { excerpt: cut(response.body.toString('utf8', 0, 300)) },
      ),
    );
    return { result };
  }

  const isXml = mediaType(response.headers).type.endsWith('/xml');
  if (
    c.reportType.body !== 'xml' &&
    c.expect.kind === 'answer' &&
    !isXml &&
    response.status === 200
  ) {
    f.push(
      ...checkBinaryHeaders(response.headers, c.reportType),
      ...binaryFindings(c, params, response.body, ctx.maxBytes),
    );
    return { result };
  }

  f.push(...checkXmlContentType(response.headers, response.body));
  if (f.some((x) => x.code === 'CONTENT_TYPE' || x.code === 'STATUS') && !isXml) return { result };
  const read = readXmlAnswer(response.body, ctx);
  f.push(...read.findings);
  const answer = read.answer;
  if (!answer) return { result };

  const { verdict, findings } = checkExpectation(answer, c.reportType, c.expect, {
    first,
    selects: !!c.set?.selects,
  });
  f.push(...findings);
  if (verdict.kind === 'not-served') return { result, verdict, answer };
  f.push(...checkTimestamps(answer));
  if (verdict.kind === 'no-data') {
    result.reason = verdict.note;
    return { result, verdict, answer, lsids: [] };
  }
  if (verdict.kind !== 'data' || !c.set) return { result, verdict, answer };

  const window = windowOf(params);
  if (window) f.push(...checkWindow(answer, c.reportType, c.set, window));
  f.push(...checkSelection(answer, c.reportType, c.set, params));
  return { result, verdict, answer, lsids: itemLsids(answer, c.reportType) };
}
