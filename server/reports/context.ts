import type { Readable } from 'node:stream';
import type { World } from '../../generators/world.js';
import type { ApiAccount, PermissionName } from '../auth/accounts.js';
import type { ApplianceErrorCode } from '../errors.js';
import type { ApplianceSettings } from '../settings.js';
import type { XmlStyle } from '../xml/document.js';
import type { ItemWriter } from '../xml/layout.js';
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

export type ReportOutput =
  /** A list root whose items are written one by one; no items gives the report's no-data answer. */
  | {
      kind: 'list';
      root: string;
      xsi?: boolean;
      /** Children written before the items, e.g. the window of a team activity list. */
      head?: ItemWriter[];
      items: Iterable<ItemWriter>;
      noData: ApplianceErrorCode;
    }
  /** A document whose children are all written; never a no-data error. */
  | { kind: 'document'; root: string; children: ItemWriter[] }
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
