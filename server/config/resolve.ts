import { resolve as resolvePath } from 'node:path';
import type { Product } from '../../generators/product.js';
import type { ApiAccountConfig } from '../auth/accounts.js';
import { ToolError, type ToolProblem } from '../errors.js';
import type { LogLevel } from '../logger.js';
import type { ApplianceSettings } from '../settings.js';
import { DEFAULT_SEED, type MockOptions } from '../state.js';
import { readConfigFile, type Sourced } from './file.js';
import { CONFIG_ENV, CONFIG_KEYS, envName, flagName, parseText } from './keys.js';

/** Everything `btmock serve` needs, resolved from flags, environment, file and defaults. */
export interface ServeConfig {
  host: string;
  port: number;
  /** With TLS: a second, plain-HTTP port. */
  httpPort?: number;
  logLevel: LogLevel;
  tls: { enabled: boolean; cert?: string; key?: string; dir?: string };
  options: MockOptions;
  /** Where each given setting came from, by key: a file line, a variable or a flag. */
  sources: Record<string, string>;
}

export interface ConfigInput {
  /** Flag values by key name (`error_style`), as text; `true` for a bare boolean flag. */
  flags: Record<string, string | true | undefined>;
  /** The configuration file named by `--config`. */
  configFile?: string;
  env: Record<string, string | undefined>;
  /** Base of relative paths given by flags or variables. */
  cwd?: string;
}

/** Settings keys (snake_case) → `ApplianceSettings` fields. */
const SETTING_FIELDS: Record<string, keyof ApplianceSettings> = {
  profile: 'profile',
  namespace: 'namespace',
  error_style: 'errorStyle',
  empty_result: 'emptyResult',
  locale: 'locale',
  site_tz: 'siteTz',
  token_type: 'tokenType',
  expires_in: 'expiresIn',
  token_cap: 'tokenCap',
  token_body: 'tokenBody',
  basic_urldecode: 'basicUrldecode',
  keepalive: 'keepalive',
  settle_seconds: 'settleSeconds',
  archive_lag_seconds: 'archiveLagSeconds',
  layout: 'layout',
  xml_api_enabled: 'xmlApiEnabled',
  archive_api_enabled: 'archiveApiEnabled',
  site_origin: 'siteOrigin',
  rate_limit: 'rateLimit',
};

function fromText(
  values: Map<string, Sourced>,
  name: string,
  text: string,
  source: string,
  problems: ToolProblem[],
  cwd: string,
): void {
  const key = CONFIG_KEYS.find((k) => k.name === name)!;
  const parsed = parseText(key.kind, text);
  if ('problem' in parsed) {
    problems.push({ source, path: '', message: parsed.problem });
    return;
  }
  const value = key.kind.type === 'path' ? resolvePath(cwd, String(parsed.value)) : parsed.value;
  values.set(name, { value, source });
}

/**
 * Resolves the configuration with one precedence: flags over `BTMOCK_*` variables over the
 * configuration file over defaults. Every problem of every source is reported at once, each
 * naming its file (and line), variable or flag.
 */
export function resolveConfig(input: ConfigInput): ServeConfig {
  const problems: ToolProblem[] = [];
  const cwd = input.cwd ?? process.cwd();

  const configPath = input.configFile ?? input.env[CONFIG_ENV];
  const file = configPath
    ? readConfigFile(resolvePath(cwd, configPath), problems)
    : { values: new Map<string, Sourced>() };

  const fromEnv = new Map<string, Sourced>();
  for (const [variable, text] of Object.entries(input.env)) {
    if (!variable.startsWith('BTMOCK_') || variable === CONFIG_ENV || text === undefined) continue;
    const key = CONFIG_KEYS.find((k) => envName(k.name) === variable);
    if (!key) {
      problems.push({
        source: variable,
        path: '',
        message: 'unknown variable (see docs/configuration.md)',
      });
      continue;
    }
    fromText(fromEnv, key.name, text, variable, problems, cwd);
  }

  const fromFlags = new Map<string, Sourced>();
  for (const [name, text] of Object.entries(input.flags)) {
    if (text === undefined) continue;
    fromText(fromFlags, name, text === true ? 'true' : text, flagName(name), problems, cwd);
  }

  const pick = (name: string): Sourced | undefined =>
    fromFlags.get(name) ?? fromEnv.get(name) ?? file.values.get(name);
  const value = <T>(name: string): T | undefined => pick(name)?.value as T | undefined;
  const sources: Record<string, string> = {};
  for (const key of CONFIG_KEYS) {
    const found = pick(key.name);
    if (found) sources[key.name] = found.source;
  }

  const tls = {
    enabled: value<boolean>('tls') ?? false,
    cert: value<string>('tls_cert'),
    key: value<string>('tls_key'),
    dir: value<string>('tls_dir'),
  };
  if ((tls.cert === undefined) !== (tls.key === undefined)) {
    const given = tls.cert === undefined ? 'tls_key' : 'tls_cert';
    problems.push({
      source: sources[given]!,
      path: '',
      message: 'tls_cert and tls_key go together; give both or neither',
    });
  }
  if (tls.cert !== undefined) tls.enabled = true;
  const httpPort = value<number>('http_port');
  if (httpPort !== undefined && !tls.enabled) {
    problems.push({
      source: sources.http_port!,
      path: '',
      message: 'http_port is the plain-HTTP port next to HTTPS; it needs tls',
    });
  }

  if (problems.length > 0) {
    throw new ToolError(
      'BAD_CONFIG',
      `the configuration has ${problems.length} problem${problems.length === 1 ? '' : 's'}`,
      problems,
    );
  }

  const settings: Partial<ApplianceSettings> = {};
  for (const [name, field] of Object.entries(SETTING_FIELDS)) {
    const v = value(name);
    if (v !== undefined) (settings as Record<string, unknown>)[field] = v;
  }

  // The first account takes client_id/client_secret from wherever they were given last.
  const accounts: ApiAccountConfig[] = [...(file.accounts ?? [{}])];
  const first = { ...accounts[0] };
  if (value('client_id') !== undefined) first.clientId = value<string>('client_id');
  if (value('client_secret') !== undefined) first.clientSecret = value<string>('client_secret');
  accounts[0] = first;

  const options: MockOptions = {
    seed: value<number>('seed') ?? DEFAULT_SEED,
    frozenClock: value<boolean>('frozen_clock') ?? false,
    settings,
    accounts,
  };
  if (value('product') !== undefined) options.product = value<Product>('product');
  if (value('now') !== undefined) options.now = value<number>('now');
  if (value('world') !== undefined) options.worldFile = value<string>('world');
  if (value('fixtures') !== undefined) options.rawFixtures = value<string>('fixtures');
  if (value('admin_token') !== undefined) options.admin = { token: value<string>('admin_token')! };
  if (file.legacyUsers) options.legacyUsers = file.legacyUsers;

  const config: ServeConfig = {
    host: value<string>('host') ?? '127.0.0.1',
    port: value<number>('port') ?? 8080,
    logLevel: value<LogLevel>('log_level') ?? 'info',
    tls,
    options,
    sources,
  };
  if (httpPort !== undefined) config.httpPort = httpPort;
  return config;
}
