import { randomBytes } from 'node:crypto';
import type { Product } from '../generators/product.js';
import type { AddedSession, ClockInfo, RuntimeSettings } from './admin/operations.js';
import type { ApiAccountConfig } from './auth/accounts.js';
import { ToolError } from './errors.js';
import type { FaultRule, FaultRuleInput } from './faults/rules.js';
import type { JournalEntry } from './journal/entry.js';
import type { Verification, VerificationResult } from './journal/journal.js';
import type { JournalMatch } from './journal/match.js';
import { listen } from './listen.js';
import type { LogLevel } from './logger.js';
import type { ApplianceSettings } from './settings.js';

/** Options of an embedded mock appliance; every field has a default. */
export interface MockApplianceOptions {
  /** World seed; the same seed gives the same sites, people and sessions. Default 1. */
  seed?: number;
  /** `rs` (Remote Support, default) or `pra` (Privileged Remote Access). */
  product?: Product;
  /** Appliance clock anchor: UNIX seconds, ISO 8601 text or a Date. Default: now. */
  now?: number | string | Date;
  /** Freeze the clock at `now`; it moves only when told to. Default false. */
  frozenClock?: boolean;
  /** Address to listen on. Default 127.0.0.1. */
  host?: string;
  /** Port to listen on; 0 picks a free one. Default 0. */
  port?: number;
  settings?: Partial<ApplianceSettings>;
  /** API accounts; by default one account with generated credentials. */
  accounts?: ApiAccountConfig[];
  /** Turns the HTTP admin API on; `true` generates its token. Default off. */
  admin?: boolean | { token?: string };
  /** Entries the journal keeps before dropping the oldest. Default 10,000. */
  journalLimit?: number;
  /** Server log level (pino). Default silent. */
  logLevel?: LogLevel;
}

/** The appliance clock of an embedded mock. */
export interface MockClock {
  /** Current appliance time, UNIX seconds. */
  now(): number;
  info(): ClockInfo;
  set(time: number | string | Date): ClockInfo;
  advance(seconds: number): ClockInfo;
  freeze(): ClockInfo;
  resume(): ClockInfo;
}

/** The request journal of an embedded mock. */
export interface MockJournal {
  list(match?: JournalMatch): JournalEntry[];
  count(match?: JournalMatch): number;
  clear(): void;
  verify(check: Verification): VerificationResult;
}

/** The fault rules of an embedded mock. */
export interface MockFaults {
  add(rule: FaultRuleInput): FaultRule;
  remove(id: string): FaultRule;
  list(): FaultRule[];
  clear(): void;
}

/** Options of a session added at runtime; see docs/admin-api.md. */
export interface AddSessionInput {
  start?: number | string;
  end?: number | string;
  durationSeconds?: number;
  visibleAt?: number | string;
  visibleIn?: number;
  externalKey?: string;
  screenRecording?: boolean;
}

/** A running mock appliance inside the test process. */
export interface MockAppliance {
  /** Origin of the appliance, e.g. `http://127.0.0.1:43817`. */
  url: string;
  /** `${url}/oauth2/token`. */
  tokenUrl: string;
  /** `${url}/api/reporting`. */
  reportingUrl: string;
  /** Credentials of the first API account. */
  credentials: { clientId: string; clientSecret: string };
  /** The HTTP admin API, when it is on. */
  admin: { url: string; token: string } | null;
  clock: MockClock;
  journal: MockJournal;
  faults: MockFaults;
  sessions: { add(input?: AddSessionInput): AddedSession; list(): AddedSession[] };
  settings: { get(): RuntimeSettings; update(patch: Partial<RuntimeSettings>): RuntimeSettings };
  /** Issues an access token of the first account without an HTTP round trip. */
  issueToken(): string;
  /** Revokes every live token of every account. */
  revokeTokens(): void;
  /** Back to the state after start: pins, tokens, journal, clock, faults and settings. */
  reset(): void;
  /** Stops listening and closes every connection. */
  close(): Promise<void>;
}

function toSeconds(time: number | string | Date): number | string {
  return time instanceof Date ? Math.floor(time.getTime() / 1000) : time;
}

function anchor(now: MockApplianceOptions['now']): number | undefined {
  if (now === undefined) return undefined;
  const value = toSeconds(now);
  const seconds = typeof value === 'number' ? value : Math.floor(Date.parse(value) / 1000);
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new ToolError('BAD_OPTION', `now must be UNIX seconds, an ISO 8601 date-time or a Date`);
  }
  return seconds;
}

/**
 * Starts a mock appliance in this process on a free port of 127.0.0.1. Instances share
 * nothing: each has its own world, clock, accounts, tokens, journal and faults.
 */
export async function startMockAppliance(
  options: MockApplianceOptions = {},
): Promise<MockAppliance> {
  const adminToken =
    options.admin === true ||
    (typeof options.admin === 'object' && options.admin.token === undefined)
      ? randomBytes(24).toString('base64url')
      : typeof options.admin === 'object'
        ? options.admin.token
        : undefined;
  const running = await listen({
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    logLevel: options.logLevel ?? 'silent',
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.product !== undefined ? { product: options.product } : {}),
    ...(options.now !== undefined ? { now: anchor(options.now) } : {}),
    ...(options.frozenClock !== undefined ? { frozenClock: options.frozenClock } : {}),
    ...(options.settings ? { settings: options.settings } : {}),
    ...(options.accounts ? { accounts: options.accounts } : {}),
    ...(options.journalLimit !== undefined ? { journalLimit: options.journalLimit } : {}),
    ...(adminToken !== undefined ? { admin: { token: adminToken } } : {}),
  });
  const { state, admin: ops, url } = running;
  const account = state.accounts[0]!;

  return {
    url,
    tokenUrl: `${url}/oauth2/token`,
    reportingUrl: `${url}/api/reporting`,
    credentials: { clientId: account.clientId, clientSecret: account.clientSecret },
    admin: adminToken !== undefined ? { url: `${url}/__admin`, token: adminToken } : null,
    clock: {
      now: () => state.clock.now(),
      info: () => ops.clock(),
      set: (time) => ops.setClock({ now: toSeconds(time) }),
      advance: (seconds) => ops.advanceClock({ seconds }),
      freeze: () => ops.freezeClock(),
      resume: () => ops.resumeClock(),
    },
    journal: {
      list: (match = {}) => ops.journal(match),
      count: (match = {}) => ops.journal(match).length,
      clear: () => void ops.clearJournal(),
      verify: (check) => ops.verifyJournal(check),
    },
    faults: {
      add: (rule) => ops.addFault(rule),
      remove: (id) => ops.removeFault(id),
      list: () => ops.faults(),
      clear: () => void ops.clearFaults(),
    },
    sessions: { add: (input = {}) => ops.addSession(input), list: () => ops.sessions() },
    settings: { get: () => ops.settings(), update: (patch) => ops.updateSettings(patch) },
    issueToken: () => state.tokens.issue(account).token,
    revokeTokens: () => void ops.revokeTokens(),
    reset: () => void ops.reset(),
    close: () => running.close(),
  };
}
