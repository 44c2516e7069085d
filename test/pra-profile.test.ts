import { afterAll, describe, expect, it } from 'vitest';
import { jumpItemsOf } from '../generators/pra-world.js';
import { sessionsOfDay } from '../generators/sessions.js';
import { utcDay } from '../generators/time.js';
import { createWorld } from '../generators/world.js';
import { startMockAppliance, type MockAppliance } from '../index.js';
import { serveCommand, startBanner } from '../server/commands/serve.js';
import { resolveConfig, type ServeConfig } from '../server/config/resolve.js';
import { ToolError } from '../server/errors.js';
import { createState } from '../server/state.js';
import { NOW } from './helpers.js';

describe('the PRA world', () => {
  const world = createWorld(4, 'pra');
  const days = [utcDay(NOW) - 3, utcDay(NOW) - 2, utcDay(NOW) - 1];

  it('is a pure function of the seed, with sessions a pure function of (seed, day)', () => {
    const again = createWorld(4, 'pra');
    expect(again.jumpItems).toEqual(world.jumpItems);
    expect(again.pra).toEqual(world.pra);
    for (const d of days) expect(sessionsOfDay(again, d)).toEqual(sessionsOfDay(world, d));
  });

  it('makes every session a Jump by a user to a Jump Item that user may reach', () => {
    for (const d of days) {
      for (const s of sessionsOfDay(world, d)) {
        const user = world.pra!.users.find((u) => u.id === s.primaryRepId)!;
        const item = world.jumpItems.find((it) => it.id === s.jump!.jumpItemId)!;
        expect(jumpItemsOf(user, world.jumpItems)).toContain(item);
        expect(s.jump).toMatchObject({
          jumpGroupId: item.jumpGroupId,
          jumpGroupType: item.jumpGroupType,
        });
        expect(s.jump!.jumpointId).toBe(item.jumpointId);
        expect(s.customerIds).toEqual([item.id]);
        expect([s.custSurvey, s.repSurvey, s.showMyScreenRecording]).toEqual([false, false, false]);
        if (s.vaultAccountId !== undefined) {
          expect(user.permissions).toContain('Allowed to Access Vault');
          const account = world.pra!.vaultAccounts.find((a) => a.id === s.vaultAccountId)!;
          expect(account.jumpGroupId).toBe(item.jumpGroupId);
        }
      }
    }
  });

  it('gives each user a personal Jump Group whose id is the user id, unique only within its type', () => {
    for (const user of world.pra!.users) {
      const group = world.jumpGroups.find((g) => g.type === 'personal' && g.id === user.id);
      expect(group).toBeDefined();
    }
    const shared = world.jumpGroups.filter((g) => g.type === 'shared').map((g) => g.id);
    expect(world.jumpGroups.some((g) => g.type === 'personal' && shared.includes(g.id))).toBe(true);
  });

  it('leaves the Remote Support world of the same seed as it was', () => {
    const rsWorld = createWorld(4);
    expect(rsWorld.product).toBe('rs');
    expect(rsWorld.pra).toBeUndefined();
    expect(rsWorld.jumpGroups.map((g) => g.name)).toEqual(['Servers', 'Workstations', 'Personal']);
  });
});

describe('choosing the product', () => {
  it('reads --product, BTMOCK_PRODUCT and the file key with the usual precedence', () => {
    expect(resolveConfig({ flags: { product: 'pra' }, env: {} }).options.product).toBe('pra');
    expect(resolveConfig({ flags: {}, env: { BTMOCK_PRODUCT: 'pra' } }).options.product).toBe(
      'pra',
    );
    const both = resolveConfig({ flags: { product: 'rs' }, env: { BTMOCK_PRODUCT: 'pra' } });
    expect([both.options.product, both.sources.product]).toEqual(['rs', '--product']);
    expect(resolveConfig({ flags: {}, env: {} }).options.product).toBeUndefined();
  });

  it('refuses an unknown product and a world file under PRA, naming the problem', () => {
    expect(() => resolveConfig({ flags: { product: 'privileged' }, env: {} })).toThrow(
      /--product: expected one of rs, pra, got "privileged"/,
    );
    expect(() => createState({ product: 'pra', world: { sites: [] } })).toThrow(ToolError);
  });

  it('is a flag of btmock serve, and the start banner then tries a PRA listing', async () => {
    let config: ServeConfig | undefined;
    await serveCommand(async (c) => {
      config = c;
    }, {}).parseAsync(['node', 'serve', '--product', 'pra'], { from: 'node' });
    expect(config?.options.product).toBe('pra');
    const banner = startBanner('http://127.0.0.1:8080', 'id', 'secret', NOW, { product: 'pra' });
    expect(banner).toContain('generate_report=AccessSessionListing');
    expect(startBanner('http://127.0.0.1:8080', 'id', 'secret', NOW)).toContain(
      'generate_report=SupportSessionListing',
    );
  });

  let embedded: MockAppliance | undefined;
  afterAll(() => embedded?.close());

  it('is an embedding option: a PRA mock on a real socket answers AccessSessionListing', async () => {
    embedded = await startMockAppliance({ product: 'pra', now: NOW, frozenClock: true });
    const token = embedded.issueToken();
    const res = await fetch(
      `${embedded.reportingUrl}?generate_report=AccessSessionListing&start_time=${NOW - 86_400}&duration=0`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    const body = await res.text();
    expect(body).toContain('<session_summary_list');
    const rs = await fetch(
      `${embedded.reportingUrl}?generate_report=SupportSessionListing&start_time=${NOW - 86_400}&duration=0`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    expect(await rs.text()).toContain('Invalid report type.');
  });
});
