import { makeJumpItems, type JumpItem, type JumpMethod } from './jump-items.js';
import { Rng, deriveSeed } from './rng.js';
import type { Customer, JumpGroup, Jumpoint, Representative } from './world.js';

/** What an administrator lets a PRA user do, as the user editor names it [assumed names]. */
export type PraPermission =
  | 'Administrator'
  | 'Allowed to Access Vault'
  | 'Allowed to Use Personal Jump Group'
  | 'Start Sessions Without Approval'
  | 'View Reports';

/** A user of a PRA appliance: a representative with Jump Group memberships and permissions. */
export interface PraUser {
  /** The user id, the same as the representative's. */
  id: number;
  /** Shared Jump Groups the user belongs to. */
  sharedJumpGroupIds: number[];
  /** The user's personal Jump Group: type `personal`, id equal to the user id. */
  personalJumpGroupId: number;
  permissions: PraPermission[];
}

export type VaultAccountType = 'Windows Local' | 'Active Directory' | 'SSH' | 'Generic';

/** A credential the appliance's vault keeps and injects into Jump sessions. */
export interface VaultAccount {
  id: number;
  name: string;
  type: VaultAccountType;
  username: string;
  /** The shared Jump Group whose items the account serves. */
  jumpGroupId: number;
}

/** The parts only a Privileged Remote Access world has. */
export interface PraWorld {
  users: PraUser[];
  vaultAccounts: VaultAccount[];
  /** The 4-digit site id that heads every syslog message (spec: PRA syslog message format). */
  syslogSiteId: number;
  /** The host name syslog lines carry. */
  syslogHost: string;
}

const JUMPOINTS = ['HQ Datacenter', 'Branch Offices', 'AWS eu-west-1', 'OT Network'];
const SHARED_GROUPS = [
  'Servers',
  'Network Devices',
  'Databases',
  'Domain Controllers',
  'Cloud Hosts',
  'Plant Floor (OT)',
];

/** Operating systems of the endpoints behind each Jump method. */
const ENDPOINT_OS: Record<JumpMethod, readonly string[]> = {
  'Jump Client': [
    'Windows Server 2022 Datacenter Azure Edition (21H2)',
    'Windows Server 2019 Standard x64 Edition, 10.0.17763',
    'Windows 11 Enterprise x64 Edition, 10.0.22631',
  ],
  'Local Jump': ['Windows 10 Enterprise x64 Edition, 10.0.19045'],
  'Remote Jump': ['Windows Server 2016 Standard x64 Edition, 10.0.14393'],
  'Remote RDP': ['Windows Server 2022 Standard x64 Edition, 10.0.20348'],
  'Remote VNC': ['Ubuntu 22.04.4 LTS', 'macOS 15.1'],
  'Shell Jump': ['Red Hat Enterprise Linux 9.4', 'Ubuntu 22.04.4 LTS', 'Cisco IOS XE 17.9'],
};

const IPV4 = /^\d+\.\d+\.\d+\.\d+$/;

/** The Jumpoints and shared Jump Groups of a PRA site, and one personal group per user. */
export function praJumpStructure(
  seed: number,
  reps: readonly Representative[],
): { jumpoints: Jumpoint[]; jumpGroups: JumpGroup[] } {
  const rng = new Rng(deriveSeed(seed, 'pra-structure'));
  const jumpoints = JUMPOINTS.slice(0, rng.int(2, JUMPOINTS.length)).map((name, i) => ({
    id: i + 1,
    name,
  }));
  const shared = SHARED_GROUPS.slice(0, rng.int(3, SHARED_GROUPS.length)).map(
    (name, i): JumpGroup => ({ id: i + 1, name, type: 'shared' }),
  );
  // Ids are unique within a type only: personal group 1 and shared group 1 both exist.
  const personal = reps.map((r): JumpGroup => ({
    id: r.id,
    name: r.displayName,
    type: 'personal',
  }));
  return { jumpoints, jumpGroups: [...shared, ...personal] };
}

/**
 * The Jump Items of a PRA site: most in shared groups, some in their owner's personal group.
 * Built by the same generator as Remote Support's, then a share moved to personal groups.
 */
export function praJumpItems(
  seed: number,
  jumpoints: readonly Jumpoint[],
  jumpGroups: readonly JumpGroup[],
): JumpItem[] {
  const shared = jumpGroups.filter((g) => g.type === 'shared');
  const personal = jumpGroups.filter((g) => g.type === 'personal');
  const items = makeJumpItems(seed, jumpoints, shared);
  const rng = new Rng(deriveSeed(seed, 'pra-personal-items'));
  for (const item of items) {
    if (personal.length === 0 || !rng.chance(0.15)) continue;
    const owner = rng.pick(personal);
    item.jumpGroupId = owner.id;
    item.jumpGroupType = 'personal';
  }
  return items;
}

/**
 * The endpoints behind the Jump Items, one per item with the item's id: what a PRA session
 * lists as its customer (real output names the customer and its username after the item).
 */
export function praEndpoints(seed: number, items: readonly JumpItem[]): Customer[] {
  const rng = new Rng(deriveSeed(seed, 'pra-endpoints'));
  return items.map((item) => {
    const isIp = IPV4.test(item.address);
    const host = isIp ? `SRV-${rng.hex(5).toUpperCase()}` : item.address.split('.')[0]!;
    const port = rng.int(1025, 65535);
    const endpoint: Customer = {
      id: item.id,
      name: item.name,
      username: item.name,
      company: '',
      companyCode: '',
      hostname: host,
      os: rng.pick(ENDPOINT_OS[item.method]),
      // Only an installed Jump Client reaches the appliance from its own public address.
      publicIp: item.method === 'Jump Client' ? `198.51.100.${rng.int(1, 254)}:${port}` : 'Unknown',
      privateIp: isIp
        ? item.address
        : `10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`,
      email: '',
      locale: 'en',
    };
    return endpoint;
  });
}

/** Each user's memberships and permissions; every user can reach at least one Jump Item. */
export function praUsers(
  seed: number,
  reps: readonly Representative[],
  jumpGroups: readonly JumpGroup[],
  items: readonly JumpItem[],
): PraUser[] {
  const rng = new Rng(deriveSeed(seed, 'pra-users'));
  const shared = jumpGroups.filter((g) => g.type === 'shared');
  return reps.map((rep, i) => {
    const admin = i === 0;
    const groups = admin ? shared : rng.sample(shared, rng.int(1, Math.min(3, shared.length)));
    const user: PraUser = {
      id: rep.id,
      sharedJumpGroupIds: groups.map((g) => g.id).sort((a, b) => a - b),
      personalJumpGroupId: rep.id,
      permissions: ['Start Sessions Without Approval', 'Allowed to Use Personal Jump Group'],
    };
    if (admin) user.permissions.unshift('Administrator');
    if (admin || rng.chance(0.6)) user.permissions.push('Allowed to Access Vault');
    if (admin || rng.chance(0.3)) user.permissions.push('View Reports');
    if (jumpItemsOf(user, items).length === 0) {
      const first = items.find((it) => it.jumpGroupType === 'shared')!;
      user.sharedJumpGroupIds = [...user.sharedJumpGroupIds, first.jumpGroupId].sort(
        (a, b) => a - b,
      );
    }
    return user;
  });
}

/** The Jump Items a user may jump to: their shared groups' items and their personal ones. */
export function jumpItemsOf(user: PraUser, items: readonly JumpItem[]): JumpItem[] {
  return items.filter((it) =>
    it.jumpGroupType === 'personal'
      ? it.jumpGroupId === user.personalJumpGroupId
      : user.sharedJumpGroupIds.includes(it.jumpGroupId),
  );
}

const VAULT_NAMES: readonly ((rng: Rng, n: number) => [VaultAccountType, string, string])[] = [
  (_rng, n) => [
    'Windows Local',
    `Administrator (SRV-${String(n).padStart(2, '0')})`,
    'Administrator',
  ],
  (rng) => {
    const user = `svc_${rng.pick(['backup', 'sql', 'deploy', 'monitor'])}`;
    return ['Active Directory', `CORP\\${user}`, user];
  },
  (rng) => ['SSH', `root@${rng.pick(['db', 'web', 'app'])}-0${rng.int(1, 9)}`, 'root'],
  (rng) => ['Generic', `Firewall admin; rack ${rng.int(1, 9)}`, 'admin'],
];

/** The vault's accounts, each serving one shared Jump Group. */
export function praVaultAccounts(seed: number, jumpGroups: readonly JumpGroup[]): VaultAccount[] {
  const rng = new Rng(deriveSeed(seed, 'pra-vault'));
  const shared = jumpGroups.filter((g) => g.type === 'shared');
  return Array.from({ length: rng.int(6, 14) }, (_, i) => {
    const [type, name, username] = rng.pick(VAULT_NAMES)(rng, i + 1);
    return { id: i + 1, name, type, username, jumpGroupId: rng.pick(shared).id };
  });
}

/** The PRA-only parts of a world, given the parts both products share. */
export function praWorld(
  seed: number,
  reps: readonly Representative[],
  jumpGroups: readonly JumpGroup[],
  items: readonly JumpItem[],
): PraWorld {
  const rng = new Rng(deriveSeed(seed, 'pra-site'));
  return {
    users: praUsers(seed, reps, jumpGroups, items),
    vaultAccounts: praVaultAccounts(seed, jumpGroups),
    syslogSiteId: rng.int(1000, 9999),
    syslogHost: `access-${rng.hex(4)}`,
  };
}
