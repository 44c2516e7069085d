import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { ApiAccount } from './accounts.js';

interface TokenRecord {
  account: ApiAccount;
  generation: number;
  expiresAt: number;
}

export type TokenCheck =
  { ok: true; account: ApiAccount } | { ok: false; reason: 'unknown' | 'expired' | 'revoked' };

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** An opaque 40-character alphanumeric token, like the vendor's (not a JWT). */
function newToken(): string {
  const bytes = randomBytes(40);
  let out = '';
  for (const b of bytes) out += ALPHANUMERIC[b % ALPHANUMERIC.length];
  return out;
}

/**
 * Access tokens with the appliance's lifecycle (spec §2.4): a lifetime on the appliance clock,
 * at most `cap` live tokens per account with the oldest evicted first, and revocation of every
 * token of an account at once.
 */
export class TokenStore {
  private readonly tokens = new Map<string, TokenRecord>();
  /** Live tokens of each account, oldest first. */
  private readonly byAccount = new Map<string, string[]>();

  constructor(
    private readonly clock: Clock,
    private readonly options: { lifetime: () => number; cap: () => number },
  ) {}

  issue(account: ApiAccount): { token: string; expiresIn: number } {
    const now = this.clock.now();
    const queue = this.liveQueue(account.clientId, now);
    while (queue.length >= this.options.cap()) this.tokens.delete(queue.shift()!);

    const token = newToken();
    const expiresIn = this.options.lifetime();
    this.tokens.set(token, { account, generation: account.generation, expiresAt: now + expiresIn });
    queue.push(token);
    return { token, expiresIn };
  }

  check(token: string): TokenCheck {
    const record = this.tokens.get(token);
    if (!record) return { ok: false, reason: 'unknown' };
    if (record.generation !== record.account.generation || !record.account.enabled) {
      return { ok: false, reason: 'revoked' };
    }
    if (this.clock.now() >= record.expiresAt) return { ok: false, reason: 'expired' };
    return { ok: true, account: record.account };
  }

  /** Every token of the account stops working now (secret rotation, disabling). */
  revokeAll(account: ApiAccount): void {
    account.generation++;
    for (const token of this.byAccount.get(account.clientId) ?? []) this.tokens.delete(token);
    this.byAccount.delete(account.clientId);
  }

  /** Revokes one token, as if an administrator had cut it mid-run. */
  revoke(token: string): boolean {
    return this.tokens.delete(token);
  }

  clear(): void {
    this.tokens.clear();
    this.byAccount.clear();
  }

  liveCount(account: ApiAccount): number {
    return this.liveQueue(account.clientId, this.clock.now()).length;
  }

  /** The account's queue without expired or dropped tokens, so expired ones never evict live ones. */
  private liveQueue(clientId: string, now: number): string[] {
    const queue = (this.byAccount.get(clientId) ?? []).filter((t) => {
      const record = this.tokens.get(t);
      if (record && record.expiresAt > now) return true;
      this.tokens.delete(t);
      return false;
    });
    this.byAccount.set(clientId, queue);
    return queue;
  }
}
