import { isClockInstant } from '../generators/time.js';
import type { SessionCore } from '../generators/sessions.js';
import { DEFAULT_PRODUCT, isProduct, type Product } from '../generators/product.js';
import { createWorld, type World } from '../generators/world.js';
import { createAccount, type ApiAccount, type ApiAccountConfig } from './auth/accounts.js';
import { createLegacyUser, type LegacyUser, type LegacyUserConfig } from './auth/legacy-users.js';
import { TokenStore } from './auth/tokens.js';
import type { Breakage } from './breakage.js';
import { Clock } from './clock.js';
import { applyWorldFile, applyWorldValue } from './fixtures/world-fixture.js';
import { ToolError } from './errors.js';
import { FaultEngine } from './faults/engine.js';
import { RateLimiter } from './faults/rate-limiter.js';
import { Journal } from './journal/journal.js';
import { loadRawFixtures, type RawFixtures } from './fixtures/raw.js';
import { resolveSettings, type ApplianceSettings } from './settings.js';

/** Options of one mock appliance; every field has a default. */
export interface MockOptions {
  seed?: number;
  /** Remote Support (`rs`, default) or Privileged Remote Access (`pra`): world and report names. */
  product?: Product;
  /** Appliance clock anchor, UNIX seconds; default: the time the mock starts. */
  now?: number;
  /** Freeze the clock at `now` instead of letting it run. */
  frozenClock?: boolean;
  settings?: Partial<ApplianceSettings>;
  accounts?: ApiAccountConfig[];
  /** User accounts for `username`/`password` authentication; used only under `profile=legacy`. */
  legacyUsers?: LegacyUserConfig[];
  /**
   * A world file (JSON or YAML, docs/fixtures.md) pinning parts of the world; the rest is
   * generated from the seed. Validated completely before anything listens.
   */
  worldFile?: string;
  /** The same as a value, for programs that build the world in code; applied after `worldFile`. */
  world?: unknown;
  /** Turns the admin API on, protected by this bearer token. Off when absent. */
  admin?: { token: string };
  /** Entries the journal keeps before dropping the oldest; default 10,000. */
  journalLimit?: number;
  /** A directory of captured answers (manifest.json + files) served byte for byte when matched. */
  rawFixtures?: string;
  /** Test only: break every answer in one way, so the contract kit can be seen to catch it. */
  breakage?: Breakage;
  /**
   * Report types this appliance does not know (an older version): they get `Invalid report
   * type.` like any unknown name.
   */
  unservedReports?: string[];
}

/** What a reset goes back to: the state right after start. */
interface InitialState {
  settings: ApplianceSettings;
  pinned: Map<number, SessionCore[]>;
}

/** The live state of one mock appliance: its world, clock, accounts and tokens. */
export interface MockState {
  seed: number;
  product: Product;
  world: World;
  clock: Clock;
  settings: ApplianceSettings;
  accounts: ApiAccount[];
  legacyUsers: LegacyUser[];
  tokens: TokenStore;
  journal: Journal;
  faults: FaultEngine;
  limiter: RateLimiter;
  /** The admin API's token; null when the admin API is off. */
  adminToken: string | null;
  initial: InitialState;
  rawFixtures: RawFixtures | null;
  unservedReports: ReadonlySet<string>;
}

export const DEFAULT_SEED = 1;

export function createState(options: MockOptions = {}): MockState {
  const seed = options.seed ?? DEFAULT_SEED;
  const settings = resolveSettings(options.settings);
  if (options.now !== undefined && !isClockInstant(options.now)) {
    throw new ToolError('BAD_OPTION', `now must lie between 1970 and 2100, got ${options.now}`);
  }
  const clock = new Clock({ now: options.now, frozen: options.frozenClock ?? false });
  const configs = options.accounts && options.accounts.length > 0 ? options.accounts : [{}];
  const accounts = configs.map((c) => createAccount(c));
  const tokens = new TokenStore(clock, {
    lifetime: () => settings.expiresIn,
    cap: () => settings.tokenCap,
  });
  const adminToken = options.admin ? checkAdminToken(options.admin.token, accounts) : null;
  const legacyUsers = (options.legacyUsers ?? []).map((c) => createLegacyUser(c));
  // The world file is applied in full here, before any server exists: a bad file never listens.
  const product = options.product ?? DEFAULT_PRODUCT;
  if (!isProduct(product)) {
    throw new ToolError('BAD_OPTION', `product must be rs or pra, got ${String(product)}`);
  }
  // World files pin Remote Support sites, customers and sessions; a PRA world has none of them.
  if (product === 'pra' && (options.worldFile !== undefined || options.world !== undefined)) {
    throw new ToolError(
      'BAD_OPTION',
      'world files describe Remote Support worlds; not with product pra',
    );
  }
  const world = createWorld(seed, product);
  if (options.worldFile !== undefined) applyWorldFile(world, options.worldFile);
  if (options.world !== undefined) applyWorldValue(world, options.world);
  const rawFixtures = options.rawFixtures ? loadRawFixtures(options.rawFixtures) : null;
  return {
    seed,
    product,
    world,
    clock,
    settings,
    accounts,
    legacyUsers,
    tokens,
    journal: new Journal(options.journalLimit),
    faults: new FaultEngine(seed),
    limiter: new RateLimiter(
      () => clock.ticks(),
      () => settings.rateLimit,
    ),
    adminToken,
    initial: snapshot(settings, world),
    rawFixtures,
    unservedReports: new Set(options.unservedReports ?? []),
  };
}

/** Records the current settings and pinned sessions as what a reset returns to. */
export function captureInitialState(state: MockState): void {
  state.initial = snapshot(state.settings, state.world);
}

function snapshot(settings: ApplianceSettings, world: World): InitialState {
  const pinned = new Map<number, SessionCore[]>(
    [...world.pinned].map(([day, list]) => [day, [...list]]),
  );
  return { settings: structuredClone(settings), pinned };
}

/** Puts the mock back as it was after start: pins, tokens, journal, clock, faults, settings. */
export function resetState(state: MockState): void {
  state.world.pinned.clear();
  for (const [day, list] of state.initial.pinned) state.world.pinned.set(day, [...list]);
  Object.assign(state.settings, structuredClone(state.initial.settings));
  state.tokens.clear();
  state.journal.reset();
  state.clock.reset();
  state.faults.reset();
  state.limiter.clear();
}

function checkAdminToken(token: string, accounts: ApiAccount[]): string {
  if (typeof token !== 'string' || !/^\S{8,}$/.test(token)) {
    throw new ToolError(
      'BAD_OPTION',
      'the admin token must be at least 8 characters without spaces',
    );
  }
  if (accounts.some((a) => a.clientSecret === token)) {
    throw new ToolError('BAD_OPTION', 'the admin token must differ from every API client secret');
  }
  return token;
}
