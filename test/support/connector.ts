import type { Element } from 'libxmljs2';
import { parseHardened } from '../../schemas/validator.js';

const NS = 'http://www.beyondtrust.com/sra/namespaces/API/reporting';
const NO_DATA_SUFFIX = 'matching your chosen criteria is available.';

/** One session as the connector stores it. */
export interface CollectedSession {
  lsid: string;
  end: number;
}

export interface ConnectorOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** First cursor: sessions that ended at or after it are collected. */
  startCursor: number;
  /** How far behind the cursor each poll looks again, for late and settling sessions. */
  graceSeconds: number;
  /** How the connector waits; a test passes one that advances the appliance clock. */
  sleep: (seconds: number) => Promise<void>;
  /** Attempts per request before a poll gives up (and leaves its cursor where it was). */
  maxAttempts?: number;
}

/** Why the connector retried, counted for the test to inspect. */
export interface ConnectorStats {
  tokenRequests: number;
  unauthorized: number;
  rateLimited: number;
  serverErrors: number;
  transportErrors: number;
  malformed: number;
}

class Retry extends Error {
  constructor(
    readonly reason: keyof ConnectorStats,
    readonly waitSeconds: number,
  ) {
    super(reason);
  }
}

/**
 * A polling connector written the way SIEM connectors for this API are: OAuth client
 * credentials with one re-authentication on 401, a listing by `end_time` followed by one
 * detail request per new session, `Retry-After` on 429, retries with backoff on resets, 5xx
 * and bodies that are not the expected XML, a cursor on the latest end seen, and de-duplication
 * by lsid inside a grace window that catches late and settling sessions.
 */
export class SessionConnector {
  readonly collected: CollectedSession[] = [];
  readonly stats: ConnectorStats = {
    tokenRequests: 0,
    unauthorized: 0,
    rateLimited: 0,
    serverErrors: 0,
    transportErrors: 0,
    malformed: 0,
  };
  cursor: number;
  private readonly seen = new Map<string, number>();
  private token: string | null = null;

  constructor(private readonly options: ConnectorOptions) {
    this.cursor = options.startCursor;
  }

  /** One poll; its results and cursor move are kept only if every request of it succeeded. */
  async poll(): Promise<number> {
    const from = Math.max(0, this.cursor - this.options.graceSeconds);
    const listing = await this.report({
      generate_report: 'SupportSessionListing',
      end_time: String(from),
      duration: '0',
    });
    const lsids = listing.map((el) => el.attr('lsid')?.value() ?? '').filter((l) => l !== '');

    const fresh: CollectedSession[] = [];
    for (const lsid of lsids) {
      if (this.seen.has(lsid) || fresh.some((s) => s.lsid === lsid)) continue;
      const [session] = await this.report({ generate_report: 'SupportSession', lsid });
      const endTime = session?.get('ns:end_time', { ns: NS }) as Element | null | undefined;
      const end = endTime?.attr('timestamp')?.value();
      if (end === undefined) throw new Error(`session ${lsid} from an end_time listing has no end`);
      fresh.push({ lsid, end: Number(end) });
    }

    for (const session of fresh) {
      this.seen.set(session.lsid, session.end);
      this.collected.push(session);
      this.cursor = Math.max(this.cursor, session.end);
    }
    // An lsid older than the grace window cannot come back; forget it.
    for (const [lsid, end] of this.seen)
      if (end < this.cursor - this.options.graceSeconds) this.seen.delete(lsid);
    return fresh.length;
  }

  /** The items of a report (sessions or listing entries); none on the no-data answer. */
  private async report(params: Record<string, string>): Promise<Element[]> {
    const maxAttempts = this.options.maxAttempts ?? 10;
    let reauthenticated = false;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.reportOnce(params);
      } catch (err) {
        if (!(err instanceof Retry) || attempt >= maxAttempts) throw err;
        this.stats[err.reason]++;
        if (err.reason === 'unauthorized') {
          if (reauthenticated) throw new Error('credentials refused after re-authentication');
          reauthenticated = true;
          this.token = null;
          continue;
        }
        await this.options.sleep(err.waitSeconds || Math.min(2 ** (attempt - 1), 30));
      }
    }
  }

  private async reportOnce(params: Record<string, string>): Promise<Element[]> {
    const token = await this.accessToken();
    const body = await this.fetchText(
      `${this.options.baseUrl}/api/reporting?${new URLSearchParams(params)}`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    if (body.status === 401) throw new Retry('unauthorized', 0);
    if (body.status === 429) throw new Retry('rateLimited', Number(body.retryAfter) || 10);
    if (body.status >= 500) throw new Retry('serverErrors', 0);
    if (body.status !== 200 || !body.contentType.startsWith('text/xml'))
      throw new Retry('malformed', 0);

    const parsed = parseHardened(body.text);
    if (!('document' in parsed)) throw new Retry('malformed', 0);
    const root = parsed.document.root();
    if (!root || root.namespace()?.href() !== NS) throw new Retry('malformed', 0);
    if (root.name() === 'error') {
      if (root.text().endsWith(NO_DATA_SUFFIX)) return [];
      throw new Error(`appliance error: ${root.text()}`);
    }
    const item = root.name() === 'session_list' ? 'session' : 'session_summary';
    return root.find(`ns:${item}`, { ns: NS }) as Element[];
  }

  private async accessToken(): Promise<string> {
    if (this.token) return this.token;
    const basic = Buffer.from(`${this.options.clientId}:${this.options.clientSecret}`).toString(
      'base64',
    );
    for (let attempt = 1; ; attempt++) {
      this.stats.tokenRequests++;
      try {
        const res = await this.fetchText(`${this.options.baseUrl}/oauth2/token`, {
          method: 'POST',
          headers: {
            authorization: `Basic ${basic}`,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: 'grant_type=client_credentials',
        });
        if (res.status !== 200) throw new Error(`token endpoint answered ${res.status}`);
        const json = JSON.parse(res.text) as { access_token?: string; expires_in?: number };
        if (!json.access_token || !json.expires_in)
          throw new Error('token answer without access_token or expires_in');
        this.token = json.access_token;
        return this.token;
      } catch (err) {
        if (!(err instanceof Retry) || attempt >= (this.options.maxAttempts ?? 10)) throw err;
        this.stats[err.reason]++;
        await this.options.sleep(Math.min(2 ** (attempt - 1), 30));
      }
    }
  }

  /** The whole answer, or a transport Retry when the connection failed before its end. */
  private async fetchText(
    url: string,
    init: RequestInit,
  ): Promise<{ status: number; contentType: string; retryAfter: string | null; text: string }> {
    try {
      const res = await fetch(url, init);
      return {
        status: res.status,
        contentType: res.headers.get('content-type') ?? '',
        retryAfter: res.headers.get('retry-after'),
        text: await res.text(),
      };
    } catch {
      throw new Retry('transportErrors', 0);
    }
  }
}
