import type { Readable } from 'node:stream';
import type { World } from '../../generators/world.js';
import type { ApiAccount, PermissionName } from '../auth/accounts.js';
import type { ApplianceErrorCode } from '../errors.js';
import type { ApplianceSettings } from '../settings.js';
import type { XmlStyle } from '../xml/document.js';
import type { Builder, ItemWriter } from '../xml/layout.js';
import type { Params } from './params.js';

/** Everything a report needs to answer one request; nothing of HTTP. */
export interface ReportContext {
  params: Params;
  world: World;
  now: number;
  settings: ApplianceSettings;
  style: XmlStyle;
  /** Origin of the appliance's download URLs. */
  siteOrigin: string;
  account: ApiAccount | null;
}

/**
 * The end of one UTC day of the world in a list's items: a point where the writer may hand the
 * event loop to other requests, so a long window never runs as one synchronous step.
 */
export const DAY_BREAK = Symbol('day break');

/**
 * An item written in parts: its element and the wrappers down to a container, then the
 * container's children one day at a time. The item opens only once a part has a child.
 */
export interface PartedItem {
  kind: 'parted';
  /** Writes the item's element and its wrappers; returns the element the parts go into. */
  shell: (parent: Builder) => Builder;
  /** The container's children, one batch per UTC day; empty batches are allowed. */
  parts: Iterable<ItemWriter[]>;
  /** Without any child: leave the item out (default) or write the empty shell. */
  whenEmpty?: 'omit' | 'shell';
}

/** One entry of a streamed list: a whole item, an item in parts, or a day's end. */
export type ListEntry = ItemWriter | PartedItem | typeof DAY_BREAK;

export type ReportOutput =
  /** A list root whose items are written one by one; no items gives the report's no-data answer. */
  | {
      kind: 'list';
      root: string;
      xsi?: boolean;
      /** Children written before the items, e.g. the window of a team activity list. */
      head?: ItemWriter[];
      items: Iterable<ListEntry>;
      noData: ApplianceErrorCode;
    }
  /** A document whose children are all written, streamed like a list; never a no-data error. */
  | { kind: 'document'; root: string; children: Iterable<ListEntry> }
  | {
      kind: 'binary';
      contentType: string;
      filename: string;
      body: Buffer | Readable;
    };

export interface ReportDefinition {
  name: string;
  permission: PermissionName;
  /** Also needs the appliance's Archive API switch (spec §3.3). */
  needsArchiveApi?: boolean;
  run(ctx: ReportContext): ReportOutput;
}
