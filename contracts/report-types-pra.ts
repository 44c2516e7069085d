import type { Product } from '../generators/product.js';
import {
  NO_DATA_SUPPORT,
  NO_DATA_SUPPORT_ASSUMED,
  W,
  badStartTime,
  future,
  recording,
  timeSets,
} from './report-sets.js';
import { REPORT_TYPES, type ReportType } from './report-types.js';

const rsType = (name: string) => REPORT_TYPES.find((t) => t.name === name)!;

/**
 * The report types of a Privileged Remote Access appliance (spec Appendix A) as the matrix's
 * table: the same shapes as their Remote Support counterparts under PRA names, plus the vault's
 * activity, the syslog archive and Jump Items.
 */
export const PRA_REPORT_TYPES: readonly ReportType[] = [
  {
    ...rsType('SupportSessionListing'),
    name: 'AccessSessionListing',
    detailOf: 'AccessSession',
  },
  {
    ...rsType('SupportSession'),
    name: 'AccessSession',
    noData: NO_DATA_SUPPORT,
  },
  {
    name: 'AccessSessionSummary',
    body: 'xml',
    root: 'summary_list',
    item: 'summary',
    // The grouping parameter is not known for PRA (Appendix A): the plain time sets.
    sets: timeSets(),
    noData: NO_DATA_SUPPORT_ASSUMED,
    emptyWindow: future(),
    errors: [badStartTime()],
  },
  recording('AccessSessionRecording', 'recordedLsid'),
  { ...rsType('SupportTeam'), name: 'Team' },
  {
    name: 'VaultAccountActivity',
    body: 'xml',
    root: 'vault_account_activity_list',
    item: 'vault_account_activity',
    sets: timeSets(),
    noData: { kind: 'error', code: 'NO_DATA_VAULT', evidence: 'real' },
    emptyWindow: future(),
    errors: [badStartTime()],
  },
  {
    name: 'Syslog',
    body: 'syslog-zip',
    contentType: 'application/zip',
    sets: [
      { name: 'no parameters', params: {} },
      { name: 'start_time', params: { start_time: W('startTime'), duration: W('seconds') } },
    ],
    errors: [],
  },
  {
    name: 'JumpItem',
    body: 'xml',
    root: 'jump_item_list',
    sets: [{ name: 'no parameters', params: {} }],
    errors: [],
  },
  rsType('EndpointLicenseUsage'),
  recording('UserRecording', 'recordedLsid'),
];

/** The matrix table of a product's appliance. */
export function reportTypesFor(product: Product): readonly ReportType[] {
  return product === 'pra' ? PRA_REPORT_TYPES : REPORT_TYPES;
}

/** Every report name either table knows, for option checking. */
export const ALL_REPORT_NAMES: readonly string[] = [
  ...new Set([...REPORT_TYPES, ...PRA_REPORT_TYPES].map((t) => t.name)),
];
