import { createWorld, type World } from '../generators/world.js';
import { createAccount, type ApiAccount, type ApiAccountConfig } from './auth/accounts.js';
import { createLegacyUser, type LegacyUser, type LegacyUserConfig } from './auth/legacy-users.js';
import { TokenStore } from './auth/tokens.js';
import { Clock } from './clock.js';
import { applyWorldFile, applyWorldValue } from './fixtures/world-fixture.js';
import { resolveSettings, type ApplianceSettings } from './settings.js';

/** Options of one mock appliance; every field has a default. */
export interface MockOptions {
  seed?: number;
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
}

/** The live state of one mock appliance: its world, clock, accounts and tokens. */
export interface MockState {
  seed: number;
  world: World;
  clock: Clock;
  settings: ApplianceSettings;
  accounts: ApiAccount[];
  legacyUsers: LegacyUser[];
  tokens: TokenStore;
}

export const DEFAULT_SEED = 1;

export function createState(options: MockOptions = {}): MockState {
  const seed = options.seed ?? DEFAULT_SEED;
  const settings = resolveSettings(options.settings);
  const clock = new Clock({ now: options.now, frozen: options.frozenClock ?? false });
  const configs = options.accounts && options.accounts.length > 0 ? options.accounts : [{}];
  const accounts = configs.map((c) => createAccount(c));
  const tokens = new TokenStore(clock, {
    lifetime: () => settings.expiresIn,
    cap: () => settings.tokenCap,
  });
  const legacyUsers = (options.legacyUsers ?? []).map((c) => createLegacyUser(c));
  // The world file is applied in full here, before any server exists: a bad file never listens.
  const world = createWorld(seed);
  if (options.worldFile !== undefined) applyWorldFile(world, options.worldFile);
  if (options.world !== undefined) applyWorldValue(world, options.world);
  return { seed, world, clock, settings, accounts, legacyUsers, tokens };
}
