import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import pThrottle from 'p-throttle';
import { ToolError } from '../server/errors.js';

export interface HttpClientOptions {
  /** Accept self-signed certificates. */
  insecure?: boolean;
  /** Requests per second at most; an appliance is paced, a mock can go fast. */
  rate?: number;
  /** Bodies are read up to this many bytes; the rest is never read. */
  maxBytes?: number;
  timeoutMs?: number;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: URL;
  headers?: Record<string, string>;
  body?: Buffer | string;
}

export type HttpResponse =
  | {
      ok: true;
      status: number;
      headers: IncomingHttpHeaders;
      body: Buffer;
      /** True when the body was longer than the limit and reading stopped there. */
      oversize: boolean;
    }
  | { ok: false; error: string };

export const DEFAULT_RATE = 5;
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * One connection per request, as the vendor asks of clients (spec §1.4): no agent, no pooling,
 * the socket destroyed once the answer is read. The request says `Connection: keep-alive` so the
 * target's own `Connection` policy shows in its answer instead of an echo of the client's close.
 */
export class HttpClient {
  readonly maxBytes: number;
  private readonly send: (request: HttpRequest) => Promise<HttpResponse>;

  constructor(private readonly options: HttpClientOptions = {}) {
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    const rate = options.rate ?? DEFAULT_RATE;
    const once = (request: HttpRequest) => this.sendOnce(request);
    this.send = rate > 0 ? pThrottle({ limit: 1, interval: Math.ceil(1000 / rate) })(once) : once;
  }

  request(request: HttpRequest): Promise<HttpResponse> {
    return this.send(request);
  }

  private sendOnce(request: HttpRequest): Promise<HttpResponse> {
    const { url } = request;
    const client = url.protocol === 'https:' ? https : http;
    const body = request.body === undefined ? undefined : Buffer.from(request.body);
    const headers: Record<string, string> = { Connection: 'keep-alive', ...request.headers };
    if (body) headers['Content-Length'] = String(body.length);

    return new Promise((resolve) => {
      let settled = false;
      const done = (response: HttpResponse) => {
        if (settled) return;
        settled = true;
        req.destroy();
        resolve(response);
      };

      const req = client.request(
        url,
        {
          method: request.method,
          headers,
          agent: false,
          rejectUnauthorized: !this.options.insecure,
          timeout: this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            // The limit holds while reading: a hostile target cannot make the kit buffer more.
            const room = this.maxBytes - size;
            if (chunk.length > room) {
              chunks.push(chunk.subarray(0, room));
              size = this.maxBytes;
              done({
                ok: true,
                status: res.statusCode ?? 0,
                headers: res.headers,
                body: Buffer.concat(chunks),
                oversize: true,
              });
              return;
            }
            chunks.push(chunk);
            size += chunk.length;
          });
          res.on('end', () =>
            done({
              ok: true,
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks),
              oversize: false,
            }),
          );
          res.on('error', (err) => done({ ok: false, error: err.message }));
        },
      );
      req.on('timeout', () =>
        done({
          ok: false,
          error: `no answer within ${this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms`,
        }),
      );
      req.on('error', (err) => done({ ok: false, error: err.message }));
      req.end(body);
    });
  }
}

/** A 429 is retried after its Retry-After, at most this often and this long. */
const RETRIES_ON_429 = 2;
const MAX_RETRY_AFTER_S = 30;

/**
 * Sends a request and, when the target answers 429, waits its `Retry-After` (at least 1 s, at
 * most 30 s) and sends it again, at most twice: a target's rate limit is something to respect,
 * not a result.
 */
export async function requestRespectingRateLimit(
  http: HttpClient,
  request: HttpRequest,
): Promise<HttpResponse> {
  for (let attempt = 0; ; attempt++) {
    const response = await http.request(request);
    if (!response.ok || response.status !== 429 || attempt >= RETRIES_ON_429) return response;
    const wait = Math.min(
      MAX_RETRY_AFTER_S,
      Math.max(1, Number(response.headers['retry-after']) || 1),
    );
    await sleep(wait * 1000);
  }
}

/** The media type and charset of a Content-Type header, lowercased. */
export function mediaType(headers: IncomingHttpHeaders): {
  type: string;
  charset: string | null;
  raw: string;
} {
  const raw = String(headers['content-type'] ?? '');
  const [type = '', ...rest] = raw.split(';').map((s) => s.trim());
  const charset =
    rest
      .find((p) => p.toLowerCase().startsWith('charset='))
      ?.slice(8)
      .replace(/"/g, '') ?? null;
  return { type: type.toLowerCase(), charset: charset?.toLowerCase() ?? null, raw };
}

/**
 * The target's base URL, or a `BAD_OPTION` tool error naming the value when it is not an
 * absolute http(s) URL (the kit speaks HTTP only; a typo must not end in a stack trace).
 */
export function parseTargetBase(base: string): URL {
  const url = URL.canParse(base) ? new URL(base) : null;
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    throw new ToolError(
      'BAD_OPTION',
      `target ${JSON.stringify(base)} is not an http(s) URL such as https://support.example.com`,
    );
  return url;
}

/** Joins a path to the target's base URL, keeping any path prefix the base carries. */
export function targetUrl(base: string, path: string): URL {
  const url = parseTargetBase(base);
  const [pathname = '', query] = path.split('?', 2);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${pathname}`;
  url.search = query === undefined ? '' : `?${query}`;
  return url;
}
