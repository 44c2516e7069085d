import { jumpItemsOf } from './pra-world.js';
import type { Rng } from './rng.js';
import { externalKey, type SessionFacts, type SessionJump } from './sessions.js';
import type { World } from './world.js';

/**
 * A Privileged Remote Access session: a user jumps to one of the Jump Items their Jump Groups
 * give them (shared or personal), sometimes with a colleague invited, sometimes injecting a
 * vault credential. Every session is a Jump, so every session has a Jump Group (quirk 45); the
 * endpoint is the session's only customer. No public site, no customer survey, no Show My
 * Screen (spec Appendix A).
 */
export function praSessionFacts(world: World, rng: Rng): SessionFacts {
  const pra = world.pra;
  if (!pra) throw new RangeError('a PRA session needs a PRA world');
  const user = rng.pick(pra.users);
  const others = world.reps.filter((r) => r.id !== user.id);
  const members = others.length > 0 && rng.chance(0.15) ? rng.sample(others, 1) : [];
  // Users keep their own servers in their personal group and jump to them often.
  const reachable = jumpItemsOf(user, world.jumpItems);
  const own = reachable.filter((it) => it.jumpGroupType === 'personal');
  const item = own.length > 0 && rng.chance(0.3) ? rng.pick(own) : rng.pick(reachable);

  const jump: SessionJump = {
    jumpGroupId: item.jumpGroupId,
    jumpGroupType: item.jumpGroupType,
    jumpItemId: item.id,
  };
  if (item.jumpointId !== undefined) jump.jumpointId = item.jumpointId;

  const facts: SessionFacts = {
    siteId: 1,
    primaryRepId: user.id,
    memberRepIds: members.map((r) => r.id),
    customerIds: [item.id],
    externalKey: externalKey(rng),
    // Privileged sessions are recorded far more often than support sessions.
    screenRecording: rng.chance(0.85),
    showMyScreenRecording: false,
    shellCount:
      item.method === 'Shell Jump'
        ? rng.int(1, 2)
        : rng.weighted<number>([
            [0, 85],
            [1, 15],
          ]),
    jump,
    custSurvey: false,
    repSurvey: false,
  };

  // Credentials come from the vault for items of a shared group the account serves.
  const accounts = pra.vaultAccounts.filter(
    (a) => item.jumpGroupType === 'shared' && a.jumpGroupId === item.jumpGroupId,
  );
  const mayUseVault = user.permissions.includes('Allowed to Access Vault');
  if (accounts.length > 0 && mayUseVault && rng.chance(0.5)) {
    facts.vaultAccountId = rng.pick(accounts).id;
  }
  return facts;
}
