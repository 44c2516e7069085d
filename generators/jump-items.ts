import { Rng, deriveSeed } from './rng.js';
import type { JumpGroup, Jumpoint } from './world.js';

/** How a Jump Item reaches its endpoint, as the appliance names the methods. */
export type JumpMethod =
  'Jump Client' | 'Local Jump' | 'Remote Jump' | 'Remote RDP' | 'Remote VNC' | 'Shell Jump';

/** An endpoint a representative can jump to (one row of jump_items.csv, spec §26). */
export interface JumpItem {
  id: number;
  name: string;
  /** Host name or IP address of the endpoint. */
  address: string;
  /** Jumpoint the item goes through; absent for Jump Clients and Local Jump. */
  jumpointId?: number;
  /** Remote application, for RDP, VNC and Shell Jump items; empty otherwise. */
  application: string;
  /** Whether the endpoint consumes an endpoint license. */
  licensed: boolean;
  method: JumpMethod;
  jumpGroupId: number;
  /** Jump Group ids are unique within their type only (spec §11.2). */
  jumpGroupType: JumpGroup['type'];
}

const ROLES = ['FILESRV', 'WEB', 'DB', 'DC', 'PRINT', 'APP', 'KIOSK', 'POS', 'LAB'] as const;

/** Names as administrators type them: plain, with quotes and commas, accented. */
function itemName(rng: Rng, role: string, n: number): string {
  return rng.weighted<string>([
    [`${role}-${String(n).padStart(2, '0')}`, 70],
    [`${role} "primary", rack ${rng.int(1, 9)}`, 10],
    [`Salle réunion ${n} — écran`, 10],
    [`${role.toLowerCase()}${n}.corp.example.com`, 10],
  ]);
}

const METHODS: readonly (readonly [JumpMethod, number])[] = [
  ['Jump Client', 45],
  ['Remote Jump', 15],
  ['Remote RDP', 15],
  ['Shell Jump', 12],
  ['Local Jump', 8],
  ['Remote VNC', 5],
];

function application(rng: Rng, method: JumpMethod): string {
  if (method === 'Remote RDP') return 'Remote Desktop Protocol';
  if (method === 'Remote VNC') return 'VNC';
  if (method === 'Shell Jump') return rng.pick(['SSH', 'SSH', 'Telnet']);
  return '';
}

function groupRef(group: JumpGroup): Pick<JumpItem, 'jumpGroupId' | 'jumpGroupType'> {
  return { jumpGroupId: group.id, jumpGroupType: group.type };
}

/**
 * The world's Jump Items: a pure function of the seed and the world's Jumpoints and Jump
 * Groups. Jump Clients always hold an endpoint license; others only when the site licenses them.
 */
export function makeJumpItems(
  seed: number,
  jumpoints: readonly Jumpoint[],
  jumpGroups: readonly JumpGroup[],
): JumpItem[] {
  const rng = new Rng(deriveSeed(seed, 'jump-items'));
  const count = rng.int(12, 40);
  const items: JumpItem[] = [];
  for (let i = 0; i < count; i++) {
    const method = rng.weighted(METHODS);
    const role = rng.pick(ROLES);
    const item: JumpItem = {
      id: i + 1,
      name: itemName(rng, role, i + 1),
      address: rng.chance(0.6)
        ? `${role.toLowerCase()}-${rng.hex(4)}.corp.example.com`
        : `10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`,
      application: application(rng, method),
      licensed: method === 'Jump Client' || rng.chance(0.4),
      method,
      ...groupRef(rng.pick(jumpGroups)),
    };
    if (method !== 'Jump Client' && method !== 'Local Jump')
      item.jumpointId = rng.pick(jumpoints).id;
    items.push(item);
  }
  return items;
}
