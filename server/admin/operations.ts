import { LATEST_CLOCK } from '../../generators/time.js';
import { MAX_SESSION_SECONDS, pinSession } from '../../generators/sessions.js';
import { isoTime } from '../../generators/time.js';
import { AdminError } from '../errors.js';
import { readFaultRule, type FaultRule } from '../faults/rules.js';
import type { JournalEntry } from '../journal/entry.js';
import { readVerification, type VerificationResult } from '../journal/journal.js';
import { readJournalMatch } from '../journal/match.js';
import { DEFAULT_RATE_LIMIT, type ApplianceSettings, type RateLimit } from '../settings.js';
import { resetState, type MockState } from '../state.js';
import {
  boolean,
  instant,
  integer,
  object,
  oneOf,
  optional,
  required,
  string,
  type JsonObject,
} from './validate.js';

/** The appliance clock as the admin API shows it. */
export interface ClockInfo {
  now: number;
  iso: string;
  frozen: boolean;
  /** The instant a reset returns to. */
  anchor: number;
}

/** A session added at runtime, as the admin API shows it. */
export interface AddedSession {
  lsid: string;
  lseq: number;
  start: number;
  end: number;
  /** When reports start showing it; null when at once. */
  visibleAt: number | null;
}

/** The settings the admin API can change while the mock runs. */
export type RuntimeSettings = Pick<
  ApplianceSettings,
  'settleSeconds' | 'keepalive' | 'rateLimit' | 'expiresIn'
>;

/** Default length of a session added without a start. */
const DEFAULT_SESSION_SECONDS = 900;

/**
 * The admin operations of one mock. The HTTP admin API and the embedded handle both call these,
 * so every input is checked here, the same way, whatever the caller.
 */
export class AdminOperations {
  constructor(private readonly state: MockState) {}

  reset(): { reset: true; clock: ClockInfo } {
    resetState(this.state);
    return { reset: true, clock: this.clock() };
  }

  clock(): ClockInfo {
    const { clock } = this.state;
    const now = clock.now();
    return { now, iso: isoTime(now, 'UTC'), frozen: clock.isFrozen(), anchor: clock.anchorTime() };
  }

  /** `{ now?, frozen? }`: moves the clock to `now`, then freezes or resumes it. */
  setClock(body: unknown): ClockInfo {
    const obj = object(body, 'body', ['now', 'frozen']);
    const now = optional(obj, '', 'now', instant);
    const frozen = optional(obj, '', 'frozen', boolean);
    if (now === undefined && frozen === undefined) {
      throw AdminError.field('now', 'ONE_OF_FIELDS', { list: 'now, frozen' });
    }
    if (now !== undefined) this.state.clock.set(now);
    if (frozen === true) this.state.clock.freeze();
    if (frozen === false) this.state.clock.resume();
    return this.clock();
  }

  /** `{ seconds }`: moves the clock forward. */
  advanceClock(body: unknown): ClockInfo {
    const obj = object(body, 'body', ['seconds']);
    // Ten years at most, and never past the clock's last instant (2100).
    const room = Math.min(10 * 365 * 86_400, LATEST_CLOCK - this.state.clock.now());
    this.state.clock.advance(required(obj, '', 'seconds', integer({ min: 0, max: room })));
    return this.clock();
  }

  freezeClock(): ClockInfo {
    this.state.clock.freeze();
    return this.clock();
  }

  resumeClock(): ClockInfo {
    this.state.clock.resume();
    return this.clock();
  }

  /**
   * Adds a session to the world. By default it ends now and lasted 15 minutes; `visibleAt` (an
   * instant) or `visibleIn` (seconds from now) makes it arrive late.
   */
  addSession(body: unknown): AddedSession {
    const obj = object(body, 'body', [
      'start',
      'end',
      'durationSeconds',
      'visibleAt',
      'visibleIn',
      'externalKey',
      'screenRecording',
    ]);
    const now = this.state.clock.now();
    const duration = optional(
      obj,
      '',
      'durationSeconds',
      integer({ min: 0, max: MAX_SESSION_SECONDS }),
    );
    let start = optional(obj, '', 'start', instant);
    let end = optional(obj, '', 'end', instant);
    if (end === undefined)
      end = start !== undefined && duration !== undefined ? start + duration : now;
    start ??= end - (duration ?? DEFAULT_SESSION_SECONDS);
    if (end < start) throw AdminError.field('end', 'BEFORE_START');
    if (end - start > MAX_SESSION_SECONDS) {
      throw AdminError.field('durationSeconds', 'TOO_LARGE', { max: String(MAX_SESSION_SECONDS) });
    }

    const visibleAt = optional(obj, '', 'visibleAt', instant);
    const visibleIn = optional(obj, '', 'visibleIn', integer({ min: 0, max: 365 * 86_400 }));
    if (visibleAt !== undefined && visibleIn !== undefined) {
      throw AdminError.field('visibleIn', 'ONE_OF_FIELDS', { list: 'visibleAt, visibleIn' });
    }
    const visible = visibleAt ?? (visibleIn !== undefined ? now + visibleIn : undefined);

    const core = pinSession(this.state.world, {
      start,
      plannedEnd: end,
      ...(visible !== undefined ? { visibleAt: visible } : {}),
      ...optionalFacts(obj),
    });
    return { lsid: core.lsid, lseq: core.lseq, start, end, visibleAt: core.visibleAt ?? null };
  }

  /** Sessions added at runtime or by fixtures, by start. */
  sessions(): AddedSession[] {
    return [...this.state.world.pinned.values()]
      .flat()
      .sort((a, b) => a.start - b.start || a.lseq - b.lseq)
      .map((s) => ({
        lsid: s.lsid,
        lseq: s.lseq,
        start: s.start,
        end: s.plannedEnd,
        visibleAt: s.visibleAt ?? null,
      }));
  }

  journal(match: unknown = {}): JournalEntry[] {
    return this.state.journal.list(readJournalMatch(match, 'match'));
  }

  clearJournal(): { cleared: number } {
    const cleared = this.state.journal.count();
    this.state.journal.clear();
    return { cleared };
  }

  verifyJournal(body: unknown): VerificationResult {
    return this.state.journal.verify(readVerification(body));
  }

  faults(): FaultRule[] {
    return this.state.faults.list();
  }

  addFault(body: unknown): FaultRule {
    return this.state.faults.add(readFaultRule(body));
  }

  removeFault(id: string): FaultRule {
    return this.state.faults.remove(id);
  }

  clearFaults(): { cleared: number } {
    const cleared = this.state.faults.list().length;
    this.state.faults.clear();
    return { cleared };
  }

  settings(): RuntimeSettings {
    const { settleSeconds, keepalive, rateLimit, expiresIn } = this.state.settings;
    return structuredClone({ settleSeconds, keepalive, rateLimit, expiresIn });
  }

  /** Changes runtime settings; every field is checked before any is applied. */
  updateSettings(body: unknown): RuntimeSettings {
    const obj = object(body, 'body', ['settleSeconds', 'keepalive', 'rateLimit', 'expiresIn']);
    const update: Partial<RuntimeSettings> = {};
    const settle = optional(obj, '', 'settleSeconds', integer({ min: 0, max: 86_400 }));
    const keepalive = optional(obj, '', 'keepalive', oneOf(['close', 'allow', 'reset'] as const));
    const expiresIn = optional(obj, '', 'expiresIn', integer({ min: 1, max: 31 * 86_400 }));
    const rateLimit = optional(obj, '', 'rateLimit', (v, f) =>
      readRateLimit(v, f, this.state.settings.rateLimit),
    );
    if (settle !== undefined) update.settleSeconds = settle;
    if (keepalive !== undefined) update.keepalive = keepalive;
    if (expiresIn !== undefined) update.expiresIn = expiresIn;
    if (rateLimit !== undefined) update.rateLimit = rateLimit;
    Object.assign(this.state.settings, update);
    if (rateLimit !== undefined) this.state.limiter.clear();
    return this.settings();
  }

  /** Revokes every live token of every account, as a secret rotation would. */
  revokeTokens(): { revoked: true } {
    for (const account of this.state.accounts) this.state.tokens.revokeAll(account);
    return { revoked: true };
  }
}

function optionalFacts(obj: JsonObject): { externalKey?: string; screenRecording?: boolean } {
  const facts: { externalKey?: string; screenRecording?: boolean } = {};
  const externalKey = optional(obj, '', 'externalKey', string);
  const screenRecording = optional(obj, '', 'screenRecording', boolean);
  if (externalKey !== undefined) facts.externalKey = externalKey;
  if (screenRecording !== undefined) facts.screenRecording = screenRecording;
  return facts;
}

function readRateLimit(value: unknown, field: string, current: RateLimit): RateLimit {
  if (value === 'off') return 'off';
  const obj = object(value, field, ['perSecond', 'perHour']);
  const base = current === 'off' ? DEFAULT_RATE_LIMIT : current;
  return {
    perSecond: optional(obj, field, 'perSecond', integer({ min: 1 })) ?? base.perSecond,
    perHour: optional(obj, field, 'perHour', integer({ min: 1 })) ?? base.perHour,
  };
}
