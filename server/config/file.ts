import { isIP } from 'node:net';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import type { ApiAccountConfig } from '../auth/accounts.js';
import type { LegacyUserConfig } from '../auth/legacy-users.js';
import type { ToolProblem } from '../errors.js';
import { formatPath, readStructuredFile, schemaProblems } from '../files/structured-file.js';
import { CONFIG_KEYS, parseText } from './keys.js';

/** A value and where it came from: `config.yaml:12`, `BTMOCK_PORT`, `--port`. */
export interface Sourced {
  value: unknown;
  source: string;
}

const prefix = z.string().refine(
  (p) => {
    const [address = '', bits, ...rest] = p.split('/');
    const family = isIP(address);
    if (family === 0 || rest.length > 0) return false;
    if (bits === undefined) return true;
    const max = family === 4 ? 32 : 128;
    return /^\d+$/.test(bits) && Number(bits) <= max;
  },
  { error: 'expected an IP address or prefix such as 10.0.0.0/8' },
);

const permissions = z.strictObject({
  support: z.boolean().optional(),
  presentation: z.boolean().optional(),
  license: z.boolean().optional(),
  archive: z.boolean().optional(),
});

const lists = z.object({
  accounts: z
    .array(
      z.strictObject({
        name: z.string().min(1).optional(),
        client_id: z
          .string()
          .min(1)
          .regex(/^[^:]*$/, { error: 'must not contain ":"' })
          .optional(),
        client_secret: z.string().min(1).optional(),
        enabled: z.boolean().optional(),
        permissions: permissions.optional(),
        ip_addresses: z.array(prefix).optional(),
      }),
    )
    .optional(),
  legacy_users: z
    .array(
      z.strictObject({
        username: z.string().min(1),
        password: z.string().min(1),
        permissions: permissions.optional(),
      }),
    )
    .optional(),
});

export interface ConfigFile {
  values: Map<string, Sourced>;
  accounts?: ApiAccountConfig[];
  legacyUsers?: LegacyUserConfig[];
}

const PATH_KEYS = new Set(CONFIG_KEYS.filter((k) => k.kind.type === 'path').map((k) => k.name));

/**
 * Reads the configuration file: scalar settings under their snake_case names, plus the lists
 * `accounts` and `legacy_users`. Relative paths inside it are relative to the file.
 */
export function readConfigFile(path: string, problems: ToolProblem[]): ConfigFile {
  const file = readStructuredFile(path, 'BAD_CONFIG');
  const out: ConfigFile = { values: new Map() };
  const data = file.data ?? {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    problems.push({ source: path, path: '', line: 1, message: 'expected a mapping of settings' });
    return out;
  }

  const where = (key: string) => {
    const line = file.lineOf([key]);
    return line === undefined ? path : `${path}:${line}`;
  };
  for (const [name, raw] of Object.entries(data)) {
    if (name === 'accounts' || name === 'legacy_users') continue;
    const key = CONFIG_KEYS.find((k) => k.name === name);
    const at = { source: path, path: formatPath([name]), line: file.lineOf([name]) };
    if (!key) {
      problems.push({ ...at, message: 'unknown setting' });
      continue;
    }
    if (raw === null || typeof raw === 'object') {
      problems.push({ ...at, message: 'expected a single value' });
      continue;
    }
    const parsed = parseText(key.kind, String(raw));
    if ('problem' in parsed) {
      problems.push({ ...at, message: parsed.problem });
      continue;
    }
    const value = PATH_KEYS.has(name) ? resolve(dirname(path), String(parsed.value)) : parsed.value;
    out.values.set(name, { value, source: where(name) });
  }

  const listed = lists.safeParse(data);
  if (!listed.success) {
    problems.push(...schemaProblems(file, listed.error.issues));
    return out;
  }
  out.accounts = listed.data.accounts?.map((a) => ({
    name: a.name,
    clientId: a.client_id,
    clientSecret: a.client_secret,
    enabled: a.enabled,
    permissions: a.permissions,
    ipAddresses: a.ip_addresses,
  }));
  out.legacyUsers = listed.data.legacy_users?.map((u) => ({
    username: u.username,
    password: u.password,
    permissions: u.permissions,
  }));
  return out;
}
