import {
  createCipheriv,
  createDecipheriv,
  createHash,
  type Cipher,
  type Decipher,
} from 'node:crypto';
import { OPERATING_SYSTEMS, localeWeights, seededFaker, type FakerLocale } from './people.js';
import { makeJumpItems, type JumpItem } from './jump-items.js';
import {
  praEndpoints,
  praJumpItems,
  praJumpStructure,
  praWorld,
  type PraWorld,
} from './pra-world.js';
import { DEFAULT_PRODUCT, type Product } from './product.js';
import { Rng, deriveSeed } from './rng.js';
import type { SessionCore } from './sessions.js';

/** A public site: a customer-facing portal of the appliance. */
export interface PublicSite {
  id: number;
  name: string;
  weight: number;
}

export interface Team {
  id: number;
  name: string;
  codeName: string;
}

export interface Representative {
  id: number;
  username: string;
  displayName: string;
  publicDisplayName: string;
  privateDisplayName: string;
  teamIds: number[];
  /** Absent when the appliance failed to read it: real output omits `hostname` at times. */
  hostname?: string;
  os: string;
  publicIp: string;
  privateIp: string;
  /** Reachable while logged out (extended availability); holds a license then (spec §25). */
  extendedAvailability: boolean;
}

export interface Customer {
  id: number;
  name: string;
  username: string;
  company: string;
  companyCode: string;
  hostname?: string;
  os: string;
  publicIp: string;
  privateIp: string;
  email: string;
  locale: FakerLocale;
}

export interface Jumpoint {
  id: number;
  name: string;
}

export interface JumpGroup {
  id: number;
  name: string;
  type: 'shared' | 'personal';
}

/**
 * The fixed part of a world: everything that does not depend on the day. Sessions are derived
 * from (seed, day) on demand, see `sessions.ts`.
 */
export interface World {
  seed: number;
  /** Remote Support or Privileged Remote Access: decides the people, endpoints and sessions. */
  product: Product;
  /** Users' memberships, the vault and the syslog identity; PRA worlds only. */
  pra?: PraWorld;
  sites: PublicSite[];
  teams: Team[];
  reps: Representative[];
  customers: Customer[];
  jumpoints: Jumpoint[];
  jumpGroups: JumpGroup[];
  jumpItems: JumpItem[];
  /** Representative licenses of the appliance, sized so that usage peaks reach 90 %. */
  licenseCount: number;
  /** Keyed permutation that maps (day, index) to an lsid and back. */
  lsidKey: Buffer;
  /** Sessions added by fixtures or at runtime, by UTC start day. */
  pinned: Map<number, SessionCore[]>;
  /** Recently generated days (see sessions.ts); an optimisation, never a source of truth. */
  dayCache: Map<number, SessionCore[]>;
  /** Every pinned session by its lsid, including lsids a fixture chose. */
  pinnedLsids: Map<string, SessionCore>;
  /** Spans `[from, to)` of start times in which no generated session exists (a fixture owns them). */
  suppressed: { from: number; to: number }[];
}

function byId<T extends { id: number }>(items: readonly T[], id: number): T | undefined {
  // Generated lists hold id i at index i - 1; fixtures may leave gaps, so fall back to a scan.
  const fast = items[id - 1];
  return fast?.id === id ? fast : items.find((x) => x.id === id);
}

/** The representative with that user id; throws when the world has none (a broken fixture). */
export function repById(world: World, id: number): Representative {
  const rep = byId(world.reps, id);
  if (!rep) throw new RangeError(`the world has no representative ${id}`);
  return rep;
}

export function customerById(world: World, id: number): Customer {
  const customer = byId(world.customers, id);
  if (!customer) throw new RangeError(`the world has no customer ${id}`);
  return customer;
}

export function teamById(world: World, id: number): Team {
  const team = byId(world.teams, id);
  if (!team) throw new RangeError(`the world has no team ${id}`);
  return team;
}

/** The Jump Group of a Jump; ids are unique within a type, so the type decides when given. */
export function jumpGroupOf(world: World, id: number, type?: JumpGroup['type']): JumpGroup {
  const group = world.jumpGroups.find(
    (g) => g.id === id && (type === undefined || g.type === type),
  );
  if (!group) throw new RangeError(`the world has no ${type ?? ''} jump group ${id}`);
  return group;
}

export function siteById(world: World, id: number): PublicSite {
  const site = byId(world.sites, id);
  if (!site) throw new RangeError(`the world has no public site ${id}`);
  return site;
}

/** First day (UTC day number) on which the world's appliance had sessions: 2016-01-01. */
export const FIRST_DAY = 16_801;

const TEAM_NAMES = [
  'Service Desk',
  'Tier 2',
  'Field IT',
  'Network Operations',
  'Security',
  'Onboarding',
];

/** A public IP as the appliance writes it: `address:port`, IPv6 in brackets, sometimes Unknown. */
export function publicIp(rng: Rng): string {
  const port = rng.int(1025, 65535);
  return rng.weighted<string>([
    [`203.0.113.${rng.int(1, 254)}:${port}`, 35],
    [`198.51.100.${rng.int(1, 254)}:${port}`, 30],
    [`192.0.2.${rng.int(1, 254)}:${port}`, 15],
    [
      `[2001:db8:${rng.hex(4)}:${rng.hex(4)}:${rng.hex(4)}:${rng.hex(4)}:${rng.hex(4)}:${rng.hex(4)}]:${port}`,
      15,
    ],
    ['Unknown', 5],
  ]);
}

export function privateIp(rng: Rng): string {
  return rng.weighted<string>([
    [`10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`, 45],
    [`192.168.${rng.int(0, 255)}.${rng.int(1, 254)}`, 30],
    [`172.${rng.int(16, 31)}.${rng.int(0, 255)}.${rng.int(1, 254)}`, 15],
    ['Unknown', 10],
  ]);
}

function hostname(rng: Rng, prefix: string): string {
  return `${prefix}-${rng.hex(6).toUpperCase()}`;
}

function makeReps(seed: number, teams: Team[]): Representative[] {
  const rng = new Rng(deriveSeed(seed, 'reps'));
  const count = rng.int(8, 18);
  const reps: Representative[] = [];
  const usernames = new Set<string>();
  for (let i = 0; i < count; i++) {
    const locale = rng.weighted(localeWeights());
    const f = seededFaker(locale, deriveSeed(seed, 'rep', i));
    const first = f.person.firstName();
    const last = f.person.lastName();
    let username = `${first[0]}${last}`.toLowerCase().replace(/[^a-z0-9]/g, '') || `rep${i}`;
    while (usernames.has(username)) username += String(i);
    usernames.add(username);
    const display = `${first} ${last}`;
    const rep: Representative = {
      id: i + 1,
      username,
      displayName: display,
      publicDisplayName: rng.chance(0.7) ? display : first,
      privateDisplayName: display,
      teamIds: rng
        .sample(teams, rng.int(1, Math.min(2, teams.length)))
        .map((t) => t.id)
        .sort(),
      os: rng.pick(OPERATING_SYSTEMS.slice(0, 6)),
      publicIp: publicIp(rng),
      privateIp: privateIp(rng),
      extendedAvailability: false,
    };
    if (rng.chance(0.8)) rep.hostname = hostname(rng, 'IT');
    reps.push(rep);
  }
  // Every team has at least one member, so team reports are never empty by construction.
  for (const team of teams) {
    if (!reps.some((r) => r.teamIds.includes(team.id)))
      reps[team.id % reps.length]!.teamIds.push(team.id);
  }
  return reps;
}

function makeCustomers(seed: number): Customer[] {
  const rng = new Rng(deriveSeed(seed, 'customers'));
  const count = rng.int(150, 300);
  const companies = Array.from({ length: 25 }, (_, i) =>
    seededFaker('en', deriveSeed(seed, 'company', i)).company.name(),
  );
  const customers: Customer[] = [];
  for (let i = 0; i < count; i++) {
    const locale = rng.weighted(localeWeights());
    const f = seededFaker(locale, deriveSeed(seed, 'customer', i));
    const first = f.person.firstName();
    const last = f.person.lastName();
    const companyIndex = rng.int(0, companies.length - 1);
    const customer: Customer = {
      id: i + 1,
      name: `${first} ${last}`,
      username: rng.chance(0.15)
        ? 'Unknown'
        : f.internet.username({ firstName: first, lastName: last }),
      company: companies[companyIndex]!,
      companyCode: `C${String(1000 + companyIndex)}`,
      os: rng.pick(OPERATING_SYSTEMS),
      publicIp: publicIp(rng),
      privateIp: privateIp(rng),
      email: f.internet.email({ firstName: first, lastName: last, provider: 'example.com' }),
      locale,
    };
    if (rng.chance(0.85))
      customer.hostname = hostname(rng, rng.pick(['PC', 'LAPTOP', 'DESKTOP', 'MAC']));
    customers.push(customer);
  }
  return customers;
}

/**
 * Builds the fixed part of the world for a seed and product. Pure: the same seed and product
 * give the same world. Both products share sites, teams and people; a PRA world has its own
 * Jumpoints, shared and personal Jump Groups, and endpoints behind its Jump Items.
 */
export function createWorld(seed: number, product: Product = DEFAULT_PRODUCT): World {
  const rng = new Rng(deriveSeed(seed, 'world'));
  const siteCount = rng.int(1, 3);
  const sites: PublicSite[] = [{ id: 1, name: 'Default', weight: 70 }];
  const siteNames = ['Partner Portal', 'Retail Support', 'Internal Helpdesk'];
  for (let i = 1; i < siteCount; i++)
    sites.push({ id: i + 1, name: siteNames[i - 1]!, weight: 15 });

  const teams: Team[] = rng
    .sample(TEAM_NAMES, rng.int(3, TEAM_NAMES.length))
    .map((name, i) => ({ id: i + 1, name, codeName: name.toLowerCase().replace(/\W+/g, '_') }));

  const jumpoints: Jumpoint[] = [
    { id: 1, name: 'HQ Datacenter' },
    { id: 2, name: 'Branch Offices' },
  ];
  const jumpGroups: JumpGroup[] = [
    { id: 1, name: 'Servers', type: 'shared' },
    { id: 2, name: 'Workstations', type: 'shared' },
    { id: 3, name: 'Personal', type: 'personal' },
  ];

  // Licensing draws from its own stream, so the people above stay what they were.
  const reps = makeReps(seed, teams);
  const licensing = new Rng(deriveSeed(seed, 'licensing'));
  for (const r of licensing.sample(reps, licensing.int(1, 2))) r.extendedAvailability = true;

  const licenseCount = licensing.int(6, 7);
  const base = {
    seed,
    sites,
    teams,
    reps,
    licenseCount,
    // A PRA appliance has its own key: its lsids never name a Remote Support session.
    lsidKey: createHash('sha256')
      .update(product === 'pra' ? `lsid\u0000${seed}\u0000pra` : `lsid\u0000${seed}`)
      .digest()
      .subarray(0, 16),
    pinned: new Map(),
    dayCache: new Map(),
    pinnedLsids: new Map(),
    suppressed: [],
  };
  if (product === 'pra') {
    const structure = praJumpStructure(seed, reps);
    const jumpItems = praJumpItems(seed, structure.jumpoints, structure.jumpGroups);
    return {
      ...base,
      product,
      ...structure,
      jumpItems,
      customers: praEndpoints(seed, jumpItems),
      pra: praWorld(seed, reps, structure.jumpGroups, jumpItems),
    };
  }
  return {
    ...base,
    product,
    customers: makeCustomers(seed),
    jumpoints,
    jumpGroups,
    jumpItems: makeJumpItems(seed, jumpoints, jumpGroups),
  };
}

/** What an lsid identifies: a support session or a presentation; the two never collide. */
export type LsidKind = 'support' | 'presentation';

/** Marks lsids of this mock, one mark per kind: "BTMK" (support) and "BTMP" (presentation). */
const LSID_MARK: Record<LsidKind, number> = { support: 0x4254_4d4b, presentation: 0x4254_4d50 };

/**
 * lsids are an AES permutation of (kind, day, index) under a key derived from the seed: they
 * look random, are unique across kinds, and map back to their day in O(1), so a lookup never
 * scans the timeline.
 */
// ECB over single blocks is stateless, so one cipher per key serves every call (never finalised).
const ciphers = new WeakMap<Buffer, { encrypt: Cipher; decrypt: Decipher }>();

function ciphersOf(key: Buffer) {
  let pair = ciphers.get(key);
  if (!pair) {
    const encrypt = createCipheriv('aes-128-ecb', key, null).setAutoPadding(false);
    const decrypt = createDecipheriv('aes-128-ecb', key, null).setAutoPadding(false);
    pair = { encrypt, decrypt };
    ciphers.set(key, pair);
  }
  return pair;
}

export function encodeLsid(
  world: World,
  day: number,
  index: number,
  kind: LsidKind = 'support',
): string {
  const block = Buffer.alloc(16);
  block.writeUInt32BE(LSID_MARK[kind], 0);
  block.writeUInt32BE(day, 4);
  block.writeUInt32BE(index, 8);
  block.writeUInt32BE(world.seed >>> 0, 12);
  return ciphersOf(world.lsidKey).encrypt.update(block).toString('hex');
}

/** The kind, day and index behind an lsid of this world; null for any other text. */
export function decodeLsid(
  world: World,
  lsid: string,
): { kind: LsidKind; day: number; index: number } | null {
  if (!/^[0-9a-f]{32}$/.test(lsid)) return null;
  const block = ciphersOf(world.lsidKey).decrypt.update(Buffer.from(lsid, 'hex'));
  if (block.readUInt32BE(12) !== world.seed >>> 0) return null;
  const mark = block.readUInt32BE(0);
  const kind = (Object.keys(LSID_MARK) as LsidKind[]).find((k) => LSID_MARK[k] === mark);
  if (!kind) return null;
  return { kind, day: block.readUInt32BE(4), index: block.readUInt32BE(8) };
}
