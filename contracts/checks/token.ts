import { setTimeout as sleep } from 'node:timers/promises';
import { mediaType, targetUrl, type HttpClient, type HttpResponse } from '../http-client.js';
import { requestToken, type TargetOptions, type TokenAnswer } from '../target.js';
import { finding, settle, type CaseResult, type Finding } from '../types.js';
import { cut } from '../xml.js';
import { checkConnectionClose, checkStatus } from './transport.js';

export const AUTH_GROUP = 'Authentication';

function authCase(id: string, title: string): CaseResult {
  return { id: `${AUTH_GROUP}/${id}`, reportType: AUTH_GROUP, title, status: 'pass', findings: [] };
}

function summary(response: HttpResponse) {
  if (!response.ok) return undefined;
  return {
    status: response.status,
    contentType: String(response.headers['content-type'] ?? ''),
    bytes: response.body.length,
  };
}

/** The token answer of spec §2.3: JSON, `Bearer`, a positive `expires_in`, no refresh token. */
export function checkTokenAnswer(answer: TokenAnswer): CaseResult {
  const result = authCase(
    'token endpoint',
    'token endpoint issues a token (client credentials in Basic)',
  );
  const response = answer.response;
  result.response = summary(response);
  if (!answer.ok) {
    result.findings.push(
      finding('TOKEN', 'doc', '§2.2 client credentials in HTTP Basic get a token', answer.problem),
    );
    return settle(result);
  }
  const f: Finding[] = result.findings;
  f.push(...checkConnectionClose(answer.response.headers));
  if (mediaType(answer.response.headers).type !== 'application/json') {
    f.push(
      finding(
        'CONTENT_TYPE',
        'real',
        '§2.3 the token answer is application/json',
        `Content-Type: ${answer.response.headers['content-type'] ?? 'none'}`,
      ),
    );
  }
  if (!['Bearer', 'bearer'].includes(answer.grant.tokenType)) {
    f.push(
      finding(
        'TOKEN',
        'doc',
        '§2.3 token_type is Bearer',
        `token_type "${answer.grant.tokenType}"`,
      ),
    );
  }
  if (!Number.isInteger(answer.grant.expiresIn) || answer.grant.expiresIn <= 0) {
    f.push(
      finding(
        'TOKEN',
        'doc',
        '§2.3 expires_in is a positive number of seconds',
        `expires_in ${answer.grant.expiresIn}`,
      ),
    );
  }
  const extra = answer.keys.filter((k) => ['refresh_token', 'scope'].includes(k));
  if (extra.length > 0)
    f.push(
      finding('TOKEN', 'doc', '§2.3 no refresh_token and no scope', `present: ${extra.join(', ')}`),
    );
  const order = answer.keys
    .filter((k) => ['access_token', 'token_type', 'expires_in'].includes(k))
    .join(',');
  if (order !== 'access_token,token_type,expires_in') {
    f.push(
      finding(
        'TOKEN',
        'assumed',
        '§2.3 keys come in the order access_token, token_type, expires_in',
        `order ${order}`,
      ),
    );
  }
  return settle(result);
}

export interface LifecycleOptions {
  http: HttpClient;
  target: TargetOptions;
  /** Report parameters of a request the target answers with 200 when the token is valid. */
  probe: Record<string, string>;
  /** Wait for a token to expire only when the target's lifetime is at most this many seconds. */
  maxWait: number;
  /** Issue cap + 1 tokens and expect the first to be evicted; off when null. */
  tokenCap: number | null;
}

async function probe(options: LifecycleOptions, authorization?: string): Promise<HttpResponse> {
  const url = targetUrl(
    options.target.target,
    `/api/reporting?${new URLSearchParams(options.probe)}`,
  );
  return options.http.request({
    method: 'GET',
    url,
    headers: authorization ? { Authorization: authorization } : {},
  });
}

/** A refused token: 401 (spec §2.6, quirk 7), a Bearer challenge and the XML error body. */
function checkRefused(result: CaseResult, response: HttpResponse, challenge: RegExp): CaseResult {
  result.response = summary(response);
  if (!response.ok) {
    result.findings.push(finding('TRANSPORT', 'real', '§1 the target answers', response.error));
    return settle(result);
  }
  result.findings.push(
    ...checkStatus(response.status, 401),
    ...checkConnectionClose(response.headers),
  );
  const header = String(response.headers['www-authenticate'] ?? '');
  if (response.status === 401 && !challenge.test(header)) {
    result.findings.push(
      finding(
        'TOKEN',
        'assumed',
        `§2.6 the 401 carries WWW-Authenticate matching ${challenge.source}`,
        `WWW-Authenticate: ${header || 'none'}`,
      ),
    );
  }
  const body = response.body.toString('utf8');
  if (response.status === 401 && !/<error[^>]*>Authentication failed\.<\/error>/.test(body)) {
    result.findings.push(
      finding(
        'ERROR_TEXT',
        'assumed',
        '§2.6 the 401 body is <error>Authentication failed.</error>',
        'other body',
        { excerpt: cut(body) },
      ),
    );
  }
  return settle(result);
}

/**
 * Token lifecycle (spec §2.4, §2.6): no token, a malformed token, an expired token (only when
 * the target's lifetime fits the wait allowed) and a token evicted by the per-account cap.
 */
export async function checkTokenLifecycle(options: LifecycleOptions): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  const request = { method: 'GET' as const, encoding: 'query' as const, params: options.probe };

  results.push(
    checkRefused(
      { ...authCase('missing token', 'no Authorization header gets 401'), request },
      await probe(options),
      /^Bearer\b/i,
    ),
  );
  results.push(
    checkRefused(
      { ...authCase('malformed token', 'a token the target never issued gets 401'), request },
      await probe(options, 'Bearer not-a-token-0000'),
      /^Bearer\b.*invalid_token/i,
    ),
  );

  const expired = { ...authCase('expired token', 'an expired token gets 401'), request };
  const fresh = await requestToken(options.http, options.target);
  if (!fresh.ok) {
    expired.findings.push(
      finding('TOKEN', 'doc', '§2.2 the token endpoint issues tokens', fresh.problem),
    );
    results.push(settle(expired));
  } else if (fresh.grant.expiresIn > options.maxWait) {
    results.push({
      ...expired,
      status: 'skipped',
      reason: `expires_in ${fresh.grant.expiresIn} s exceeds the allowed wait of ${options.maxWait} s (--max-wait)`,
    });
  } else {
    await sleep((fresh.grant.expiresIn + 1) * 1000);
    results.push(
      checkRefused(
        expired,
        await probe(options, `Bearer ${fresh.grant.accessToken}`),
        /^Bearer\b.*invalid_token/i,
      ),
    );
  }

  results.push(await checkEviction(options, request));
  return results;
}

async function checkEviction(
  options: LifecycleOptions,
  request: CaseResult['request'],
): Promise<CaseResult> {
  const cap = options.tokenCap;
  const evicted: CaseResult = {
    ...authCase('evicted token', `the oldest of cap + 1 tokens gets 401`),
    request,
  };
  if (cap === null)
    return { ...evicted, status: 'skipped', reason: 'eviction check turned off (--no-evict)' };
  evicted.title = `the oldest of ${cap + 1} tokens gets 401, the newest 200`;

  const tokens: string[] = [];
  for (let i = 0; i <= cap; i++) {
    const answer = await requestToken(options.http, options.target);
    if (!answer.ok) {
      evicted.findings.push(
        finding(
          'TOKEN',
          'doc',
          `§2.4 the token endpoint issues ${cap + 1} tokens in a row`,
          `token ${i + 1}: ${answer.problem}`,
        ),
      );
      return settle(evicted);
    }
    tokens.push(answer.grant.accessToken);
  }
  checkRefused(evicted, await probe(options, `Bearer ${tokens[0]}`), /^Bearer\b.*invalid_token/i);
  const newest = await probe(options, `Bearer ${tokens[cap]}`);
  if (!newest.ok || newest.status !== 200) {
    const seen = newest.ok ? `status ${newest.status}` : newest.error;
    evicted.findings.push(finding('TOKEN', 'doc', '§2.4 the newest token stays valid', seen));
  }
  for (const f of evicted.findings)
    if (f.code === 'STATUS')
      f.rule = `§2.4 at most ${cap} tokens live per account; the oldest is evicted [doc]`;
  return settle(evicted);
}
