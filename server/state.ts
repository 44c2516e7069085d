import { createWorld, type World } from '../generators/world.js';
import { createAccount, type ApiAccount, type ApiAccountConfig } from './auth/accounts.js';
import { TokenStore } from './auth/tokens.js';
import type { Breakage } from './breakage.js';
import { Clock } from './clock.js';
import { loadRawFixtures, type RawFixtures } from './fixtures/raw.js';
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
  /** A directory of captured answers (manifest.json + files) served byte for byte when matched. */
  rawFixtures?: string;
  /** Test only: break every answer in one way, so the contract kit can be seen to catch it. */
  breakage?: Breakage;
}

/** The live state of one mock appliance: its world, clock, accounts and tokens. */
export interface MockState {
  seed: number;
  world: World;
  clock: Clock;
  settings: ApplianceSettings;
  accounts: ApiAccount[];
  tokens: TokenStore;
  rawFixtures: RawFixtures | null;
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
  const rawFixtures = options.rawFixtures ? loadRawFixtures(options.rawFixtures) : null;
  return { seed, world: createWorld(seed), clock, settings, accounts, tokens, rawFixtures };
}
