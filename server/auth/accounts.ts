import { randomBytes } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import { ToolError } from '../errors.js';

/** Reporting permissions of an API account (spec §3.1). */
export interface ReportingPermissions {
  support: boolean;
  presentation: boolean;
  license: boolean;
  archive: boolean;
}

export type PermissionName = keyof ReportingPermissions;

export interface ApiAccountConfig {
  name?: string;
  clientId?: string;
  clientSecret?: string;
  enabled?: boolean;
  permissions?: Partial<ReportingPermissions>;
  /** Network prefixes allowed to authenticate, e.g. `127.0.0.0/8`; empty or absent: any. */
  ipAddresses?: string[];
}

export interface ApiAccount {
  name: string;
  clientId: string;
  clientSecret: string;
  enabled: boolean;
  permissions: ReportingPermissions;
  ipAddresses: string[];
  /** Bumped whenever tokens of the account must stop working (secret rotation, disable). */
  generation: number;
  allowed: BlockList | null;
}

export const ALL_PERMISSIONS: ReportingPermissions = {
  support: true,
  presentation: true,
  license: true,
  archive: true,
};

/** 40 lowercase hex characters, like the appliance's client ids. */
export function generateClientId(): string {
  return randomBytes(20).toString('hex');
}

/**
 * 44 characters of the base64 alphabet. Always holds at least one of `+`, `/`, `=`, so clients
 * that URL-encode Basic credentials fail here as they do against a real appliance.
 */
export function generateClientSecret(): string {
  for (;;) {
    const secret = randomBytes(32).toString('base64'); // 44 chars, ends in '='
    if (/[+/]/.test(secret.slice(0, 43))) return secret;
  }
}

function blockList(prefixes: string[], accountName: string): BlockList | null {
  if (prefixes.length === 0) return null;
  const list = new BlockList();
  for (const prefix of prefixes) {
    const [address = '', bits] = prefix.split('/');
    const family = isIP(address);
    if (family === 0) {
      throw new ToolError(
        'BAD_CONFIG',
        `account "${accountName}": "${prefix}" is not an IP address or prefix`,
      );
    }
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return list;
}

export function createAccount(config: ApiAccountConfig = {}): ApiAccount {
  const name = config.name ?? 'Default API account';
  const clientId = config.clientId ?? generateClientId();
  const clientSecret = config.clientSecret ?? generateClientSecret();
  if (clientId.length === 0 || clientId.includes(':')) {
    throw new ToolError(
      'BAD_CONFIG',
      `account "${name}": client id must be non-empty and contain no ':'`,
    );
  }
  if (clientSecret.length === 0) {
    throw new ToolError('BAD_CONFIG', `account "${name}": client secret must be non-empty`);
  }
  const ipAddresses = config.ipAddresses ?? [];
  return {
    name,
    clientId,
    clientSecret,
    enabled: config.enabled ?? true,
    permissions: { ...ALL_PERMISSIONS, ...config.permissions },
    ipAddresses,
    generation: 0,
    allowed: blockList(ipAddresses, name),
  };
}

export function addressAllowed(account: ApiAccount, address: string): boolean {
  if (!account.allowed) return true;
  const plain = address.startsWith('::ffff:') ? address.slice(7) : address;
  const family = isIP(plain);
  if (family === 0) return false;
  return account.allowed.check(plain, family === 6 ? 'ipv6' : 'ipv4');
}
