import { isClockInstant, isValidTimeZone } from '../../generators/time.js';
import { parseRateLimit } from '../settings.js';

/** How a setting's text (from a variable or a flag) becomes its value. */
export type Kind =
  | { type: 'string' }
  | { type: 'path' }
  | { type: 'int'; min: number }
  | { type: 'bool' }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'instant' }
  | { type: 'zone' }
  | { type: 'rate' };

/** One scalar setting: the same name in the file, a `BTMOCK_*` variable and a `--flag`. */
export interface ConfigKey {
  /** Key in the configuration file (snake_case, spec Appendix C names where they exist). */
  name: string;
  kind: Kind;
  description: string;
  /** Shown in help and docs; the value itself is applied by the code that reads the key. */
  defaultText?: string;
}

const int = (min: number): Kind => ({ type: 'int', min });
const oneOf = (...values: string[]): Kind => ({ type: 'enum', values });

/**
 * Every scalar setting of `btmock serve`. Lists (accounts, legacy users) exist only in the
 * configuration file. Keys are in the order `--help` and docs/configuration.md show them.
 */
export const CONFIG_KEYS: readonly ConfigKey[] = [
  {
    name: 'host',
    kind: { type: 'string' },
    description: 'address to listen on',
    defaultText: '127.0.0.1',
  },
  {
    name: 'port',
    kind: int(0),
    description: 'port to listen on (0 = any free port); HTTPS when tls is on',
    defaultText: '8080',
  },
  { name: 'http_port', kind: int(0), description: 'with tls: also serve plain HTTP on this port' },
  { name: 'seed', kind: int(0), description: 'world seed', defaultText: '1' },
  {
    name: 'product',
    kind: oneOf('rs', 'pra'),
    description: 'Remote Support (rs) or Privileged Remote Access (pra) appliance',
    defaultText: 'rs',
  },
  {
    name: 'now',
    kind: { type: 'instant' },
    description: "the appliance clock's anchor (UNIX seconds or ISO date-time)",
    defaultText: 'the start time',
  },
  {
    name: 'frozen_clock',
    kind: { type: 'bool' },
    description: 'keep the clock at `now` instead of letting it run',
    defaultText: 'false',
  },
  {
    name: 'world',
    kind: { type: 'path' },
    description: 'world file (JSON or YAML) pinning parts of the world',
  },
  {
    name: 'fixtures',
    kind: { type: 'path' },
    description:
      'directory of captured answers (manifest.json + files) served where a request matches',
  },
  {
    name: 'tls',
    kind: { type: 'bool' },
    description: 'serve HTTPS (a self-signed certificate unless tls_cert/tls_key are given)',
    defaultText: 'false',
  },
  { name: 'tls_cert', kind: { type: 'path' }, description: 'PEM certificate (chain) to serve' },
  { name: 'tls_key', kind: { type: 'path' }, description: 'PEM private key of tls_cert' },
  {
    name: 'tls_dir',
    kind: { type: 'path' },
    description: 'directory the generated CA certificate is written to',
    defaultText: 'a new temporary directory',
  },
  {
    name: 'client_id',
    kind: { type: 'string' },
    description: 'client id of the first API account',
    defaultText: 'generated',
  },
  {
    name: 'client_secret',
    kind: { type: 'string' },
    description: 'client secret of the first API account',
    defaultText: 'generated',
  },
  {
    name: 'log_level',
    kind: oneOf('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'),
    description: 'log level',
    defaultText: 'info',
  },
  {
    name: 'profile',
    kind: oneOf('appliance', 'cloud', 'legacy'),
    description: 'appliance profile',
    defaultText: 'appliance',
  },
  {
    name: 'namespace',
    kind: oneOf('sra', 'bomgar', 'none', 'docs'),
    description: 'XML namespace of documents',
    defaultText: 'sra (bomgar under legacy)',
  },
  {
    name: 'error_style',
    kind: oneOf('namespaced', 'bare'),
    description: '<error> with or without xmlns',
    defaultText: 'namespaced',
  },
  {
    name: 'empty_result',
    kind: oneOf('error', 'empty_list'),
    description: 'no-data answer of list reports',
    defaultText: 'error',
  },
  {
    name: 'locale',
    kind: oneOf('en', 'fr'),
    description: 'language of the no-data texts',
    defaultText: 'en',
  },
  {
    name: 'site_tz',
    kind: { type: 'zone' },
    description: 'site time zone (IANA name)',
    defaultText: 'UTC',
  },
  {
    name: 'token_type',
    kind: oneOf('Bearer', 'bearer'),
    description: 'token_type of token answers',
    defaultText: 'Bearer (bearer for cloud)',
  },
  {
    name: 'expires_in',
    kind: int(1),
    description: 'token lifetime in seconds',
    defaultText: '3600 (1799 for cloud)',
  },
  {
    name: 'token_cap',
    kind: int(1),
    description: 'live tokens per API account',
    defaultText: '30',
  },
  {
    name: 'token_body',
    kind: oneOf('form+json', 'form'),
    description: 'token request bodies accepted',
    defaultText: 'form+json',
  },
  {
    name: 'basic_urldecode',
    kind: { type: 'bool' },
    description: 'percent-decode Basic credentials',
    defaultText: 'false',
  },
  {
    name: 'keepalive',
    kind: oneOf('close', 'allow', 'reset'),
    description: 'connection policy',
    defaultText: 'close',
  },
  {
    name: 'settle_seconds',
    kind: int(0),
    description: 'seconds an ended session still reads as running',
    defaultText: '0',
  },
  {
    name: 'archive_lag_seconds',
    kind: int(0),
    description: 'seconds before an archive is listed',
    defaultText: '300',
  },
  {
    name: 'layout',
    kind: oneOf('real', 'pretty', 'compact'),
    description: 'XML byte layout',
    defaultText: 'real',
  },
  {
    name: 'xml_api_enabled',
    kind: { type: 'bool' },
    description: 'the XML API switch',
    defaultText: 'true',
  },
  {
    name: 'archive_api_enabled',
    kind: { type: 'bool' },
    description: 'the Archive API switch',
    defaultText: 'true',
  },
  {
    name: 'rate_limit',
    kind: { type: 'rate' },
    description: 'per-account request limit: off, N/s, N/h or N/s,M/h',
    defaultText: '20/s,15000/h',
  },
  {
    name: 'admin_token',
    kind: { type: 'string' },
    description: 'turn the admin API on under /__admin with this bearer token',
    defaultText: 'off',
  },
  {
    name: 'site_origin',
    kind: { type: 'string' },
    description: 'origin of download URLs',
    defaultText: 'the request origin',
  },
];

/** `BTMOCK_ERROR_STYLE` for `error_style`. */
export const envName = (key: string): string => `BTMOCK_${key.toUpperCase()}`;

/** `--error-style` for `error_style`. */
export const flagName = (key: string): string => `--${key.replace(/_/g, '-')}`;

/** The variable that names the configuration file itself. */
export const CONFIG_ENV = 'BTMOCK_CONFIG';

/**
 * Turns text from a variable or a flag into the key's value. Returns the value or a message
 * saying what is wrong.
 */
export function parseText(kind: Kind, text: string): { value: unknown } | { problem: string } {
  switch (kind.type) {
    case 'string':
    case 'path':
      return text.length > 0 ? { value: text } : { problem: 'must not be empty' };
    case 'int': {
      if (!/^\d+$/.test(text) || Number(text) < kind.min)
        return { problem: `expected a whole number ≥ ${kind.min}, got "${text}"` };
      return { value: Number(text) };
    }
    case 'bool': {
      const lower = text.toLowerCase();
      if (['true', '1', 'yes', 'on'].includes(lower)) return { value: true };
      if (['false', '0', 'no', 'off'].includes(lower)) return { value: false };
      return { problem: `expected true or false, got "${text}"` };
    }
    case 'enum':
      return kind.values.includes(text)
        ? { value: text }
        : { problem: `expected one of ${kind.values.join(', ')}, got "${text}"` };
    case 'instant': {
      const seconds = /^\d+$/.test(text) ? Number(text) : Math.floor(Date.parse(text) / 1000);
      return isClockInstant(seconds)
        ? { value: seconds }
        : {
            problem: `expected UNIX seconds or an ISO 8601 date-time from 1970 to 2100, got "${text}"`,
          };
    }
    case 'rate':
      try {
        return { value: parseRateLimit(text) };
      } catch (err) {
        return { problem: (err as Error).message };
      }
    case 'zone':
      return isValidTimeZone(text)
        ? { value: text }
        : { problem: `"${text}" is not an IANA time zone name` };
  }
}
