import { jumpGroupOf } from '../../../generators/world.js';
import type { ReportDefinition } from '../context.js';
import { clean } from '../session-xml.js';

/**
 * JumpItem: the spec knows the name only. The mock lists the world's Jump Items — the same
 * items as EndpointLicenseUsage's jump_items.csv — in a `jump_item_list` whose every element
 * and attribute name is its own choice (docs/pra.md; lenient in the schema). No parameters;
 * others are ignored.
 */
export const jumpItem: ReportDefinition = {
  name: 'JumpItem',
  permission: 'support',
  run(ctx) {
    const { world } = ctx;
    return {
      kind: 'document',
      root: 'jump_item_list',
      children: world.jumpItems.map((item) => (parent) => {
        const el = parent.ele('jump_item', { id: String(item.id) });
        el.ele('name').txt(clean(item.name));
        el.ele('hostname').txt(clean(item.address));
        el.ele('jump_method').txt(item.method);
        const jumpoint = world.jumpoints.find((j) => j.id === item.jumpointId);
        if (jumpoint) el.ele('jumpoint', { id: String(jumpoint.id) }).txt(clean(jumpoint.name));
        const group = jumpGroupOf(world, item.jumpGroupId, item.jumpGroupType);
        el.ele('jump_group', { type: group.type, id: String(group.id) }).txt(clean(group.name));
      }),
    };
  },
};
