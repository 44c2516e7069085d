import { createWorld, type World } from '../generators/world.js';
import { createAccount, type ApiAccount, type ApiAccountConfig } from './auth/accounts.js';
import { TokenStore } from './auth/tokens.js';
import { Clock } from './clock.js';
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
}

/** The live state of one mock appliance: its world, clock, accounts and tokens. */
export interface MockState {
  seed: number;
  world: World;
  clock: Clock;
  settings: ApplianceSettings;
  accounts: ApiAccount[];
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
  return { seed, world: createWorld(seed), clock, settings, accounts, tokens };
}
