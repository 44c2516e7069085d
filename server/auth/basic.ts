import { timingSafeEqual } from 'node:crypto';
import type { ApiAccount } from './accounts.js';

export interface BasicCredentials {
  clientId: string;
  clientSecret: string;
}

/**
 * Reads HTTP Basic credentials the appliance's way: base64-decode, split at the first `:`, and
 * keep both parts byte for byte. With `urldecode` the parts are percent-decoded as RFC 6749
 * §2.3.1 asks, which the real appliance does not do (spec §2.2).
 */
export function parseBasic(
  header: string | undefined,
  urldecode: boolean,
): BasicCredentials | null {
  if (!header) return null;
  const match = /^basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  let clientId = decoded.slice(0, colon);
  let clientSecret = decoded.slice(colon + 1);
  if (urldecode) {
    try {
      clientId = decodeURIComponent(clientId.replace(/\+/g, ' '));
      clientSecret = decodeURIComponent(clientSecret.replace(/\+/g, ' '));
    } catch {
      return null;
    }
  }
  return { clientId, clientSecret };
}

export function sameBytes(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

export function findAccount(
  accounts: ApiAccount[],
  credentials: BasicCredentials,
): ApiAccount | null {
  const account = accounts.find((a) => sameBytes(a.clientId, credentials.clientId));
  if (!account || !sameBytes(account.clientSecret, credentials.clientSecret)) return null;
  return account;
}

/** The token of an `Authorization: Bearer …` header; the scheme name is case-insensitive. */
export function parseBearer(
  header: string | undefined,
): { scheme: 'bearer'; token: string } | { scheme: 'none' | 'other' } {
  if (!header) return { scheme: 'none' };
  const match = /^(\S+)(?:\s+(.*))?$/.exec(header.trim());
  if (!match || match[1]!.toLowerCase() !== 'bearer') return { scheme: 'other' };
  return { scheme: 'bearer', token: (match[2] ?? '').trim() };
}
