import libxml, { type Element } from 'libxmljs2';
import type { FastifyInstance } from 'fastify';

/**
 * Clients written the way the public PRA connectors work (docs/spec/clients.md): each speaks
 * HTTP through a transport, authenticates as its original does, and parses the way it does.
 * They know nothing of the mock: what they collect is compared with the world in the tests.
 */

export interface Exchange {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export type Transport = (
  request: Exchange,
) => Promise<{ status: number; contentType: string; body: Buffer }>;

/** A transport through Fastify's inject(): the whole stack, without a socket. */
export function injectTransport(app: FastifyInstance): Transport {
  return async (r) => {
    const res = await app.inject({
      method: r.method,
      url: r.url,
      headers: r.headers,
      ...(r.body !== undefined ? { payload: r.body } : {}),
    });
    return {
      status: res.statusCode,
      contentType: String(res.headers['content-type'] ?? ''),
      body: res.rawPayload,
    };
  };
}

export interface Credentials {
  clientId: string;
  clientSecret: string;
}

async function token(http: Transport, c: Credentials, form: boolean): Promise<string> {
  // Basic built by hand from the raw secret, never percent-encoded (spec §2.2).
  const basic = Buffer.from(`${c.clientId}:${c.clientSecret}`).toString('base64');
  const res = await http({
    method: 'POST',
    url: '/oauth2/token',
    headers: {
      Authorization: `Basic ${basic}`,
      'Content-Type': form ? 'application/x-www-form-urlencoded' : 'application/json',
    },
    body: form ? 'grant_type=client_credentials' : '{"grant_type":"client_credentials"}',
  });
  const json = JSON.parse(res.body.toString('utf8')) as Record<string, unknown>;
  // Both connectors raise when either key is missing.
  if (typeof json.access_token !== 'string' || typeof json.expires_in !== 'number') {
    throw new Error(`token answer without access_token or expires_in: ${res.status}`);
  }
  const type = String(json.token_type ?? 'Bearer');
  return `${type[0]!.toUpperCase()}${type.slice(1).toLowerCase()} ${json.access_token}`;
}

// ------------------------------------------------------------------ namespace-strict XPath

const NS = { r: 'http://www.beyondtrust.com/sra/namespaces/API/reporting' };
/** The parser options of the connector: entities never resolved, nothing fetched. */
const SAFE = { noent: false, dtdload: false, nonet: true, huge: false } as const;
const NO_SESSIONS = 'No Support report information matching your chosen criteria is available.';

/** One event as the strict connector forwards it: tagged with its session and Jump Group. */
export interface StrictEvent {
  timestamp: number;
  eventType: string;
  sessionId: string;
  jumpGroup: { name: string; type: string };
}

function one(doc: libxml.Document, xpath: string): Element | libxml.Attribute {
  const found = doc.find(xpath, NS)[0];
  // The connector indexes [0] unguarded: a missing node is an exception, not a default.
  if (!found) throw new Error(`no match for ${xpath}`);
  return found as Element | libxml.Attribute;
}

/**
 * The SIEM connector's loop (quirk 45): `AccessSessionListing&duration=0&end_time=<cursor>` as
 * a form POST, then `AccessSession&lsid=` for each listed session in turn; namespace-strict
 * XPath that requires `end_time/@timestamp` and `jump_group` text and `@type`; the cursor
 * stays on the last end second and a cache of seen lsids drops repeats.
 */
export class StrictXPathConnector {
  readonly seen = new Set<string>();
  readonly ends = new Map<string, number>();
  readonly events: StrictEvent[] = [];
  private auth: string | undefined;

  constructor(
    private readonly http: Transport,
    private readonly credentials: Credentials,
    public cursor: number,
  ) {}

  private async post(fields: Record<string, string | number>): Promise<string> {
    this.auth ??= await token(this.http, this.credentials, true);
    const body = Object.entries(fields)
      .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
      .join('&');
    const send = () =>
      this.http({
        method: 'POST',
        url: '/api/reporting',
        headers: { Authorization: this.auth!, 'Content-Type': 'application/x-www-form-urlencoded' },
        body,
      });
    let res = await send();
    // A token that lapsed between rounds: authenticate again, once.
    if (res.status === 401) {
      this.auth = await token(this.http, this.credentials, true);
      res = await send();
    }
    if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
    return res.body.toString('utf8');
  }

  /** One collection round; returns how many new sessions it forwarded. */
  async poll(): Promise<number> {
    const listing = await this.post({
      generate_report: 'AccessSessionListing',
      duration: 0,
      end_time: this.cursor,
    });
    if (listing.includes('<error')) {
      if (listing.includes(NO_SESSIONS)) return 0;
      throw new Error(`listing failed: ${listing}`);
    }
    const doc = libxml.parseXml(listing, SAFE);
    const lsids = (
      doc.find('/r:session_summary_list/r:session_summary/@lsid', NS) as libxml.Attribute[]
    ).map((a) => a.value());
    let forwarded = 0;
    let latest = this.cursor;
    for (const lsid of lsids) {
      if (this.seen.has(lsid)) continue;
      const detail = libxml.parseXml(
        await this.post({ generate_report: 'AccessSession', lsid }),
        SAFE,
      );
      const end = Number.parseInt(
        (
          one(detail, '/r:session_list/r:session/r:end_time/@timestamp') as libxml.Attribute
        ).value(),
        10,
      );
      if (Number.isNaN(end)) throw new Error(`end_time/@timestamp of ${lsid} is not an integer`);
      const group = one(detail, '/r:session_list/r:session/r:jump_group') as Element;
      const jumpGroup = {
        name: group.text(),
        type: (
          one(detail, '/r:session_list/r:session/r:jump_group/@type') as libxml.Attribute
        ).value(),
      };
      for (const e of detail.find(
        '/r:session_list/r:session/r:session_details/r:event',
        NS,
      ) as Element[]) {
        this.events.push({
          timestamp: Number(e.attr('timestamp')!.value()),
          eventType: e.attr('event_type')!.value(),
          sessionId: lsid,
          jumpGroup,
        });
      }
      this.seen.add(lsid);
      this.ends.set(lsid, end);
      latest = Math.max(latest, end);
      forwarded++;
    }
    this.cursor = latest;
    return forwarded;
  }
}

// ------------------------------------------------------------------ namespace-agnostic dicts

export type Dict = { [key: string]: DictValue };
export type DictValue = string | null | Dict | DictValue[];

function toDict(el: Element): DictValue {
  const out: Dict = {};
  for (const a of el.attrs()) out[`@${a.name()}`] = a.value();
  for (const child of el.childNodes()) {
    if (child.type() !== 'element') continue;
    const c = child as Element;
    // Local names only: the default namespace is ignored, as xmltodict does.
    const name = c.name();
    const value = toDict(c);
    const prior = out[name];
    if (prior === undefined) out[name] = value;
    else if (Array.isArray(prior)) prior.push(value);
    else out[name] = [prior, value];
  }
  const text = el
    .childNodes()
    .filter((n) => n.type() === 'text')
    .map((n) => (n as unknown as { text(): string }).text())
    .join('')
    .trim();
  const hasMore = Object.keys(out).length > 0;
  if (!hasMore) return text === '' ? null : text;
  if (text !== '') out['#text'] = text;
  return out;
}

/** A document as xmltodict gives it: `{ root: { '@attr': …, child: value | [values] } }`. */
export function parseToDict(xml: string): Dict {
  const root = libxml.parseXml(xml, SAFE).root()!;
  return { [root.name()]: toDict(root) };
}

/** A lone child is an object, several are a list: the collector normalises to a list. */
export function asList(value: DictValue | undefined): Dict[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]) as Dict[];
}

const WINDOW = 86_400;
const SUFFIXES = [
  'matching your chosen criteria is available.',
  'correspondant à vos critères n’est disponible.',
];

/**
 * The log collector's loop: GET `generate_report=<type>&start_time=<since>&duration=86400`,
 * with JSON Accept and Content-Type headers, parsed into dictionaries ignoring the namespace;
 * `since` moves to the newest `@timestamp` + 1, or an hour on when a day-old window was empty.
 */
export class DictCollector {
  private auth: string | undefined;

  constructor(
    private readonly http: Transport,
    private readonly credentials: Credentials,
    private readonly now: () => number,
  ) {}

  private async get(params: Record<string, string | number>): Promise<Dict> {
    this.auth ??= await token(this.http, this.credentials, true);
    const query = new URLSearchParams(
      Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]),
    );
    const res = await this.http({
      method: 'GET',
      url: `/api/reporting?${query}`,
      headers: {
        Authorization: this.auth,
        Accept: 'application/json',
        'Content-Type': 'application/json',
      },
    });
    if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
    return parseToDict(res.body.toString('utf8'));
  }

  /** Logs of one window and the newest timestamp among them. */
  async logs(type: string, since: number): Promise<{ logs: Dict[]; last: number | null }> {
    const doc = await this.get({ start_time: since, duration: WINDOW, generate_report: type });
    const error = doc.error as Dict | string | undefined;
    if (error !== undefined) {
      const text = typeof error === 'string' ? error : String(error?.['#text'] ?? '');
      if (SUFFIXES.some((s) => text.includes(s))) return { logs: [], last: null };
      throw new Error(`error from ${type}: ${text}`);
    }
    let logs: Dict[];
    let stamp: (log: Dict) => number;
    if (type === 'AccessSession') {
      logs = asList((doc.session_list as Dict).session);
      stamp = (log) => Number((log.start_time as Dict)['@timestamp']);
    } else if (type === 'VaultAccountActivity') {
      logs = asList((doc.vault_account_activity_list as Dict).vault_account_activity);
      stamp = (log) => Number(log['@timestamp']);
    } else if (type === 'Team') {
      logs = asList((doc.team_activity_list as Dict).team_activity).flatMap((team) =>
        asList((team.events as Dict).event).map((e) => ({ ...e, team: team['@name'] as string })),
      );
      stamp = (log) => Number(log['@timestamp']);
    } else {
      throw new Error(`not a type the collector knows: ${type}`);
    }
    const last = logs.length > 0 ? Math.max(...logs.map(stamp)) : null;
    return { logs, last };
  }

  /** Walks one report type forward from `since` until it catches up with the clock. */
  async collect(type: string, since: number): Promise<Dict[]> {
    const all: Dict[] = [];
    for (let guard = 0; guard < 10_000; guard++) {
      const { logs, last } = await this.logs(type, since);
      all.push(...logs);
      if (last !== null) since = last + 1;
      else if (since < this.now() - WINDOW) since += 3600;
      else break;
      if (logs.length === 0 && since > this.now()) break;
    }
    return all;
  }
}

// ------------------------------------------------------------------ SimpleXML, PHP style

/** One session as the web page shows it. */
export interface PageRow {
  lsid: string;
  started: number;
  active: boolean;
  user: string;
  jumpGroup: string;
  jumpoint: string;
  endpointIp: string;
}

/** PHP's fixed ISO 8601 format (`Y-m-d\TH:i:sP`): seconds and an offset, nothing else. */
function phpIsoDate(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([+-])(\d{2}):(\d{2})$/.exec(text);
  if (!m) throw new Error(`DateTime::createFromFormat fails on "${text}"`);
  const [, y, mo, d, h, mi, s, sign, oh, om] = m;
  const offset = (sign === '-' ? -1 : 1) * (Number(oh) * 3600 + Number(om) * 60);
  return Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s!) / 1000 - offset;
}

/** SimpleXML's view: children by local name whatever the namespace, text as strings. */
function kids(el: Element, name: string): Element[] {
  return el
    .childNodes()
    .filter((n): n is Element => n.type() === 'element' && (n as Element).name() === name);
}
const str = (el: Element | undefined) => (el ? el.text() : '');

/**
 * The PHP web page: `AccessSession&start_time=<now − 7 days>&duration=0` by GET, read with
 * SimpleXML; a session with an empty `end_time` is shown as active; the endpoint's address is
 * cut at the first `:`.
 */
export async function sevenDayPage(
  http: Transport,
  credentials: Credentials,
  now: number,
): Promise<PageRow[]> {
  const auth = await token(http, credentials, true);
  const res = await http({
    method: 'GET',
    url: `/api/reporting?generate_report=AccessSession&start_time=${now - 7 * 86_400}&duration=0`,
    headers: { Authorization: auth },
  });
  const root = libxml.parseXml(res.body.toString('utf8'), SAFE).root()!;
  if (root.name() === 'error') return [];
  return kids(root, 'session').map((s) => {
    const customer = kids(kids(s, 'customer_list')[0]!, 'customer')[0];
    return {
      lsid: s.attr('lsid')!.value(),
      started: phpIsoDate(str(kids(s, 'start_time')[0])),
      active: str(kids(s, 'end_time')[0]) === '',
      user: str(kids(s, 'primary_rep')[0]),
      jumpGroup: str(kids(s, 'jump_group')[0]),
      jumpoint: str(kids(s, 'jumpoint')[0]),
      endpointIp: customer ? str(kids(customer, 'public_ip')[0]).split(':')[0]! : '',
    };
  });
}
