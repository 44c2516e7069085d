import { timingSafeEqual } from 'node:crypto';
import { ToolError } from '../errors.js';
import { ALL_PERMISSIONS, type ReportingPermissions } from './accounts.js';

/**
 * A user account of an old appliance that still allows `username`/`password` parameters
 * (spec §2.7, §9). Only `profile=legacy` accepts them.
 */
export interface LegacyUserConfig {
  username: string;
  password: string;
  /** Reporting rights of the user; all by default. */
  permissions?: Partial<ReportingPermissions>;
}

export interface LegacyUser {
  username: string;
  password: string;
  permissions: ReportingPermissions;
}

export function createLegacyUser(config: LegacyUserConfig): LegacyUser {
  if (!config.username)
    throw new ToolError('BAD_CONFIG', 'a legacy user needs a non-empty username');
  if (!config.password) {
    throw new ToolError(
      'BAD_CONFIG',
      `legacy user "${config.username}" needs a non-empty password`,
    );
  }
  return {
    username: config.username,
    password: config.password,
    permissions: { ...ALL_PERMISSIONS, ...config.permissions },
  };
}

function sameBytes(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The user whose username and password both match byte for byte; null otherwise. */
export function findLegacyUser(
  users: readonly LegacyUser[],
  username: string | undefined,
  password: string | undefined,
): LegacyUser | null {
  if (username === undefined || password === undefined) return null;
  const user = users.find((u) => sameBytes(u.username, username));
  return user && sameBytes(user.password, password) ? user : null;
}
