import type { ApplianceErrorCode } from '../server/errors.js';
import {
  F,
  NO_DATA_PRESENTATION,
  NO_DATA_SUPPORT,
  NO_DATA_SUPPORT_ASSUMED,
  W,
  badStartTime,
  future,
  recording,
  survey,
  timeSets,
  unknownLsid,
} from './report-sets.js';
import type { Evidence } from './types.js';

/**
 * The report types of spec §10 as a table the request matrix is generated from: how each is
 * asked for (parameter sets, §§11–26), what it answers (XML root or binary format), what an empty
 * window gives (§7.3), and the edges that apply to it.
 */

/** Values filled in when the matrix runs: the planned window, or something found on the way. */
export type WindowValue = 'startTime' | 'seconds' | 'date' | 'days' | 'futureTime' | 'futureDate';
export type DiscoveredValue =
  | 'lsid'
  | 'lsids'
  | 'recordedLsid'
  | 'smsLsid'
  | 'shellLsid'
  | 'shellInstance'
  | 'presentationLsid'
  | 'presentationLsids'
  | 'presentationRecordedLsid'
  | 'stateIndex'
  | 'eventIndex';

export type ParamValue = string | { window: WindowValue } | { found: DiscoveredValue };

export interface ParameterSet {
  /** Short name, e.g. `start_time` or `lsid`. */
  name: string;
  params: Record<string, ParamValue>;
  /** The window anchor the set selects by, for the window-semantics checks. */
  anchor?: 'start' | 'end';
  /** A set that names sessions: the answer must be exactly those (spec §6.4). */
  selects?: 'lsid' | 'lsids';
}

export type BodyKind = 'xml' | 'gzip' | 'zip' | 'flv' | 'syslog-zip';

/** What an empty window answers (spec §7.3). */
export type NoDataAnswer =
  | { kind: 'error'; code: ApplianceErrorCode; evidence: Evidence }
  | { kind: 'empty-child'; child: string; evidence: Evidence }
  | { kind: 'empty-root'; evidence: Evidence }
  | { kind: 'header-only-csv'; evidence: Evidence };

/** A request that must fail with a given `<error>` text. */
export interface ErrorEdge {
  name: string;
  params: Record<string, ParamValue>;
  code: ApplianceErrorCode;
  textParams?: Record<string, string>;
  evidence: Evidence;
}

export interface ReportType {
  name: string;
  body: BodyKind;
  /** Root element of a successful XML answer. */
  root?: string;
  /** Element of one item under the root, for lsid and window checks. */
  item?: string;
  /** Content type of a successful binary answer (spec §§14–16, 19, 24, 26). */
  contentType?: string;
  sets: ParameterSet[];
  noData?: NoDataAnswer;
  /** Parameters of a request whose window lies in the future (empty-window edge). */
  emptyWindow?: Record<string, ParamValue>;
  errors: ErrorEdge[];
  /** The detail report whose items a listing must agree with (spec §12, §18). */
  detailOf?: string;
}

/** Every report type of spec §10, in the order the kit runs them (listings before details). */
export const REPORT_TYPES: readonly ReportType[] = [
  {
    name: 'SupportSessionListing',
    body: 'xml',
    root: 'session_summary_list',
    item: 'session_summary',
    sets: timeSets(),
    noData: NO_DATA_SUPPORT,
    emptyWindow: future(),
    errors: [badStartTime()],
    detailOf: 'SupportSession',
  },
  {
    name: 'SupportSession',
    body: 'xml',
    root: 'session_list',
    item: 'session',
    sets: [
      ...timeSets(),
      { name: 'lsid', selects: 'lsid', params: { lsid: F('lsid') } },
      { name: 'lsids', selects: 'lsids', params: { lsids: F('lsids') } },
    ],
    noData: NO_DATA_SUPPORT,
    emptyWindow: future(),
    errors: [badStartTime(), unknownLsid({}, 'real')],
  },
  {
    name: 'SupportSessionSummary',
    body: 'xml',
    root: 'summary_list',
    item: 'summary',
    sets: [
      ...timeSets({ report_type: 'rep' }),
      {
        name: 'start_time team',
        params: { start_time: W('startTime'), duration: W('seconds'), report_type: 'team' },
      },
      {
        name: 'start_time site',
        params: { start_time: W('startTime'), duration: W('seconds'), report_type: 'site' },
      },
    ],
    noData: NO_DATA_SUPPORT_ASSUMED,
    emptyWindow: future({ report_type: 'rep' }),
    errors: [
      badStartTime({ report_type: 'rep' }),
      {
        name: 'bad report_type',
        params: { start_time: W('startTime'), duration: W('seconds'), report_type: 'week' },
        code: 'INVALID_VALUE',
        textParams: { name: 'report_type' },
        evidence: 'assumed',
      },
    ],
  },
  recording('SupportSessionRecording', 'recordedLsid'),
  recording('ShowMyScreenRecording', 'smsLsid'),
  recording('CommandShellRecording', 'shellLsid', { instance: F('shellInstance') }),
  {
    name: 'PresentationSessionListing',
    body: 'xml',
    root: 'presentation_session_summary_list',
    item: 'presentation_session_summary',
    sets: timeSets(),
    noData: NO_DATA_PRESENTATION,
    emptyWindow: future(),
    errors: [badStartTime()],
    detailOf: 'PresentationSession',
  },
  {
    name: 'PresentationSession',
    body: 'xml',
    root: 'presentation_session_list',
    item: 'presentation_session',
    sets: [
      ...timeSets(),
      { name: 'lsid', selects: 'lsid', params: { lsid: F('presentationLsid') } },
      { name: 'lsids', selects: 'lsids', params: { lsids: F('presentationLsids') } },
    ],
    noData: NO_DATA_PRESENTATION,
    emptyWindow: future(),
    errors: [badStartTime(), unknownLsid()],
  },
  recording('PresentationSessionRecording', 'presentationRecordedLsid'),
  survey('SupportCustExitSurvey'),
  survey('SupportRepExitSurvey'),
  {
    name: 'SupportTeam',
    body: 'xml',
    root: 'team_activity_list',
    item: 'team_activity',
    sets: timeSets(),
    noData: { kind: 'error', code: 'NO_DATA_TEAM', evidence: 'sister' },
    emptyWindow: future(),
    errors: [
      badStartTime(),
      {
        name: 'bad team_id',
        params: { start_time: W('startTime'), duration: W('seconds'), team_id: 'abc' },
        code: 'INVALID_VALUE',
        textParams: { name: 'team_id' },
        evidence: 'assumed',
      },
    ],
  },
  {
    name: 'ArchiveListing',
    body: 'xml',
    root: 'archives',
    sets: [{ name: 'date', params: { date: W('date') } }],
    noData: { kind: 'empty-root', evidence: 'assumed' },
    emptyWindow: { date: W('futureDate') },
    errors: [
      {
        name: 'bad date',
        params: { date: '2025-02-30' },
        code: 'INVALID_VALUE',
        textParams: { name: 'date' },
        evidence: 'assumed',
      },
    ],
  },
  {
    name: 'Archive',
    body: 'gzip',
    contentType: 'application/x-gzip',
    sets: [
      { name: 'state', params: { type: 'state', date: W('date'), index: F('stateIndex') } },
      { name: 'event', params: { type: 'event', date: W('date'), index: F('eventIndex') } },
    ],
    noData: { kind: 'error', code: 'NO_ARCHIVES', evidence: 'real' },
    emptyWindow: { type: 'event', date: W('futureDate'), index: '1' },
    errors: [
      {
        name: 'bad type',
        params: { type: 'bogus', date: W('date'), index: '1' },
        code: 'INVALID_VALUE',
        textParams: { name: 'type' },
        evidence: 'assumed',
      },
    ],
  },
  {
    name: 'LicenseUsage',
    body: 'xml',
    root: 'license_usage',
    sets: [
      {
        name: 'start_date day',
        params: { start_date: W('date'), duration: W('days'), group_by: 'day' },
      },
      {
        name: 'start_time hour',
        params: { start_time: W('startTime'), duration: W('seconds'), group_by: 'hour' },
      },
      {
        name: 'start_time month',
        params: { start_time: W('startTime'), duration: W('seconds'), group_by: 'month' },
      },
    ],
    noData: { kind: 'empty-child', child: 'license_time_intervals', evidence: 'doc' },
    emptyWindow: future({ group_by: 'hour' }),
    errors: [
      badStartTime({ group_by: 'hour' }),
      {
        name: 'bad group_by',
        params: { start_time: W('startTime'), duration: W('seconds'), group_by: 'week' },
        code: 'INVALID_VALUE',
        textParams: { name: 'group_by' },
        evidence: 'assumed',
      },
    ],
  },
  {
    name: 'EndpointLicenseUsage',
    body: 'zip',
    contentType: 'application/zip',
    sets: [{ name: 'no parameters', params: {} }],
    noData: { kind: 'header-only-csv', evidence: 'assumed' },
    errors: [],
  },
];

export function reportType(name: string): ReportType | undefined {
  return REPORT_TYPES.find((r) => r.name === name);
}
