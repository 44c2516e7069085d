import { ToolError } from '../server/errors.js';
import { mediaType, targetUrl, type HttpClient, type HttpResponse } from './http-client.js';

/** Where the kit points and how it authenticates. */
export interface TargetOptions {
  /** Base URL of the appliance, e.g. `https://support.example.com`. */
  target: string;
  clientId: string;
  clientSecret: string;
}

export interface TokenGrant {
  accessToken: string;
  tokenType: string;
  expiresIn: number;
}

export type TokenAnswer =
  | { ok: true; grant: TokenGrant; response: Extract<HttpResponse, { ok: true }>; keys: string[] }
  | { ok: false; response: HttpResponse; problem: string };

/**
 * Asks the token endpoint for a token the way the vendor documents it (spec §2.2): Basic with
 * the raw client id and secret, form body `grant_type=client_credentials`.
 */
export async function requestToken(http: HttpClient, target: TargetOptions): Promise<TokenAnswer> {
  const basic = Buffer.from(`${target.clientId}:${target.clientSecret}`).toString('base64');
  const response = await http.request({
    method: 'POST',
    url: targetUrl(target.target, '/oauth2/token'),
    headers: {
      Authorization: `Basic ${basic}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  if (!response.ok)
    return { ok: false, response, problem: `token request failed: ${response.error}` };
  if (response.status !== 200) {
    return {
      ok: false,
      response,
      problem: `token endpoint answered ${response.status}: ${response.body.toString('utf8', 0, 200)}`,
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(response.body.toString('utf8'));
  } catch {
    return { ok: false, response, problem: 'token answer is not JSON' };
  }
  if (!parsed || typeof parsed !== 'object')
    return { ok: false, response, problem: 'token answer is not a JSON object' };
  const body = parsed as Record<string, unknown>;
  if (typeof body.access_token !== 'string' || body.access_token.length === 0) {
    return { ok: false, response, problem: 'token answer has no access_token' };
  }
  return {
    ok: true,
    response,
    keys: Object.keys(body),
    grant: {
      accessToken: body.access_token,
      tokenType: typeof body.token_type === 'string' ? body.token_type : '',
      expiresIn: typeof body.expires_in === 'number' ? body.expires_in : Number.NaN,
    },
  };
}

/**
 * The target's clock in UNIX seconds: `get_api_info`'s timestamp where the command API answers
 * (Appendix B), else the `Date` header of that answer, else this machine's clock.
 */
export async function targetClock(
  http: HttpClient,
  target: TargetOptions,
  token: string,
): Promise<{ now: number; source: string }> {
  const response = await http.request({
    method: 'GET',
    url: targetUrl(target.target, '/api/command?action=get_api_info'),
    headers: { Authorization: `Bearer ${token}` },
  });
  if (response.ok) {
    const text = mediaType(response.headers).type.includes('xml')
      ? response.body.toString('utf8')
      : '';
    const stamp = /<timestamp>\s*(\d+)\s*<\/timestamp>/.exec(text)?.[1];
    if (stamp) return { now: Number(stamp), source: 'get_api_info' };
    const date = Date.parse(String(response.headers.date ?? ''));
    if (!Number.isNaN(date)) return { now: Math.floor(date / 1000), source: 'Date header' };
  }
  return { now: Math.floor(Date.now() / 1000), source: 'local clock' };
}

/**
 * Keeps a valid token for the matrix: a token is renewed before its lifetime runs out (the
 * appliance counts whole seconds, so a second and a half of margin), never after a 401 — a 401
 * on a token the kit believes valid is a finding, not something to retry away.
 */
export class TokenKeeper {
  private obtainedAt: number;

  constructor(
    private readonly http: HttpClient,
    private readonly target: TargetOptions,
    private grant: TokenGrant,
  ) {
    this.obtainedAt = Date.now();
  }

  async current(): Promise<string> {
    const lifetimeMs = Number.isFinite(this.grant.expiresIn)
      ? this.grant.expiresIn * 1000
      : Number.POSITIVE_INFINITY;
    // Short lifetimes (test targets) get a proportional margin: a slow answer in between must
    // not let the token lapse before the next request reaches the target.
    const margin = Math.max(1500, lifetimeMs / 3);
    if (Date.now() - this.obtainedAt < lifetimeMs - margin) return this.grant.accessToken;
    const renewed = await requestToken(this.http, this.target);
    if (!renewed.ok)
      throw new ToolError('CONTRACT_TARGET', `renewing the token: ${renewed.problem}`);
    this.grant = renewed.grant;
    this.obtainedAt = Date.now();
    return this.grant.accessToken;
  }
}
