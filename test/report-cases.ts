import type { PermissionName } from '../server/auth/accounts.js';
import type { ApplianceErrorCode } from '../server/errors.js';
import { isoDate, type Fixtures } from './world-fixtures.js';

type Params = Record<string, string | number>;

export type Expectation =
  /** A list root holding at least one item. */
  | { kind: 'list'; root: string; item: string }
  /** A document that is never a no-data error. */
  | { kind: 'document'; root: string }
  /** A binary answer: its content type, file name and first bytes. */
  | { kind: 'binary'; contentType: string; filename: (f: Fixtures) => string; magic: number[] }
  | { kind: 'error'; code: ApplianceErrorCode; params?: Record<string, string> };

/** One request of the matrix: a report type, a parameter set of the spec, what must come back. */
export interface ReportCase {
  report: string;
  set: string;
  params: (f: Fixtures) => Params;
  expect: Expectation;
}

/** Report type → permission, as spec §3.2 lists them. */
export const SPEC_PERMISSIONS: Record<string, PermissionName> = {
  SupportSession: 'support',
  SupportSessionListing: 'support',
  SupportSessionSummary: 'support',
  SupportSessionRecording: 'support',
  ShowMyScreenRecording: 'support',
  CommandShellRecording: 'support',
  PresentationSession: 'presentation',
  PresentationSessionListing: 'presentation',
  PresentationSessionRecording: 'presentation',
  SupportCustExitSurvey: 'support',
  SupportRepExitSurvey: 'support',
  SupportTeam: 'support',
  ArchiveListing: 'archive',
  Archive: 'archive',
  LicenseUsage: 'license',
  EndpointLicenseUsage: 'license',
};

const FLV = [0x46, 0x4c, 0x56, 0x01];
const GZIP = [0x1f, 0x8b];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const UNKNOWN_LSID = 'ffffffffffffffffffffffffffffffff';

interface Timed {
  start: number;
  plannedEnd: number;
  lsid: string;
}

/** The four time sets of §6, each around one item so the window holds data. */
function windowSets(pick: (f: Fixtures) => Timed, extra: (f: Fixtures) => Params = () => ({})) {
  return [
    [
      'start_date',
      (f: Fixtures) => ({ start_date: isoDate(pick(f).start), duration: 1, ...extra(f) }),
    ],
    ['start_time', (f: Fixtures) => ({ start_time: pick(f).start, duration: 1, ...extra(f) })],
    [
      'end_date',
      (f: Fixtures) => ({ end_date: isoDate(pick(f).plannedEnd), duration: 1, ...extra(f) }),
    ],
    ['end_time', (f: Fixtures) => ({ end_time: pick(f).plannedEnd, duration: 1, ...extra(f) })],
  ] as const;
}

/** The two id sets of §11.1: one lsid, and a list with spaces and an unknown id to skip. */
function lsidSets(pick: (f: Fixtures) => Timed, extra: (f: Fixtures) => Params = () => ({})) {
  return [
    ['lsid', (f: Fixtures) => ({ lsid: pick(f).lsid, ...extra(f) })],
    ['lsids', (f: Fixtures) => ({ lsids: `${UNKNOWN_LSID}, ${pick(f).lsid}`, ...extra(f) })],
  ] as const;
}

function rows(
  report: string,
  sets: readonly (readonly [string, (f: Fixtures) => Params])[],
  expect: Expectation,
): ReportCase[] {
  return sets.map(([set, params]) => ({ report, set, params, expect }));
}

const list = (root: string, item: string): Expectation => ({ kind: 'list', root, item });
const error = (code: ApplianceErrorCode, params?: Record<string, string>): Expectation =>
  params ? { kind: 'error', code, params } : { kind: 'error', code };
const flv = (filename: (f: Fixtures) => string): Expectation => ({
  kind: 'binary',
  contentType: 'video/x-flv',
  filename,
  magic: FLV,
});
const future = (f: Fixtures) => ({ start_time: f.now + 3600, duration: 0 });

/** THE table: every report type × every parameter set of the spec, and their failures. */
export const REPORT_CASES: ReportCase[] = [
  // §11 SupportSession
  ...rows(
    'SupportSession',
    [...windowSets((f) => f.session), ...lsidSets((f) => f.session)],
    list('session_list', 'session'),
  ),
  ...rows('SupportSession', [['future window', future]], error('NO_DATA_SUPPORT')),
  ...rows(
    'SupportSession',
    [['unknown lsid', () => ({ lsid: UNKNOWN_LSID })]],
    error('INVALID_LSID'),
  ),

  // §12 SupportSessionListing
  ...rows(
    'SupportSessionListing',
    windowSets((f) => f.session),
    list('session_summary_list', 'session_summary'),
  ),
  ...rows(
    'SupportSessionListing',
    [['lsid only', (f) => ({ lsid: f.session.lsid })]],
    error('NO_PARAMETER_SET', { list: 'start_date, start_time, end_date or end_time' }),
  ),

  // §13 SupportSessionSummary
  ...(['rep', 'team', 'site'] as const).flatMap((type) =>
    rows(
      'SupportSessionSummary',
      windowSets(
        (f) => f.session,
        () => ({ report_type: type }),
      ).map(([s, p]) => [`${s}, report_type=${type}`, p] as const),
      list('summary_list', 'summary'),
    ),
  ),
  ...rows(
    'SupportSessionSummary',
    [['no report_type', (f) => ({ start_time: f.session.start, duration: 1 })]],
    error('MISSING_PARAMETER', { name: 'report_type' }),
  ),

  // §14–16 session recordings
  ...rows(
    'SupportSessionRecording',
    [['lsid', (f) => ({ lsid: f.recorded.lsid })]],
    flv((f) => `${f.recorded.lsid}.flv`),
  ),
  ...rows(
    'SupportSessionRecording',
    [['lsid of an expired recording', (f) => ({ lsid: f.expired.lsid })]],
    error('RECORDING_EXPIRED'),
  ),
  ...rows(
    'SupportSessionRecording',
    [['lsid without recording', (f) => ({ lsid: f.unrecorded.lsid })]],
    error('NO_RECORDING'),
  ),
  ...rows(
    'SupportSessionRecording',
    [['unknown lsid', () => ({ lsid: UNKNOWN_LSID })]],
    error('INVALID_LSID'),
  ),
  ...rows(
    'SupportSessionRecording',
    [['presentation lsid', (f) => ({ lsid: f.presentation.lsid })]],
    error('INVALID_LSID'),
  ),
  ...rows(
    'SupportSessionRecording',
    [['no lsid', () => ({})]],
    error('MISSING_PARAMETER', { name: 'lsid' }),
  ),
  ...rows(
    'ShowMyScreenRecording',
    [['lsid', (f) => ({ lsid: f.showMyScreen.lsid })]],
    flv((f) => `${f.showMyScreen.lsid}_sms.flv`),
  ),
  ...rows(
    'ShowMyScreenRecording',
    [['lsid without recording', (f) => ({ lsid: f.unrecorded.lsid })]],
    error('NO_RECORDING'),
  ),
  ...rows(
    'CommandShellRecording',
    [['lsid (instance 0 by default)', (f) => ({ lsid: f.shells.lsid })]],
    flv((f) => `${f.shells.lsid}_shell_0.flv`),
  ),
  ...rows(
    'CommandShellRecording',
    [['lsid, instance', (f) => ({ lsid: f.shells.lsid, instance: 1 })]],
    flv((f) => `${f.shells.lsid}_shell_1.flv`),
  ),
  ...rows(
    'CommandShellRecording',
    [
      [
        'instance past the last shell',
        (f) => ({ lsid: f.shells.lsid, instance: f.shells.shellCount }),
      ],
    ],
    error('INVALID_VALUE', { name: 'instance' }),
  ),
  ...rows(
    'CommandShellRecording',
    [['malformed instance', (f) => ({ lsid: f.shells.lsid, instance: 'one' })]],
    error('INVALID_VALUE', { name: 'instance' }),
  ),
  ...rows(
    'CommandShellRecording',
    [['lsid without shells', (f) => ({ lsid: f.unrecorded.lsid })]],
    error('NO_RECORDING'),
  ),

  // §17–19 presentations
  ...rows(
    'PresentationSession',
    [...windowSets((f) => f.presentation), ...lsidSets((f) => f.presentation)],
    list('presentation_session_list', 'presentation_session'),
  ),
  ...rows('PresentationSession', [['future window', future]], error('NO_DATA_PRESENTATION')),
  ...rows(
    'PresentationSession',
    [['support session lsid', (f) => ({ lsid: f.session.lsid })]],
    error('INVALID_LSID'),
  ),
  ...rows(
    'PresentationSessionListing',
    windowSets((f) => f.presentation),
    list('presentation_session_summary_list', 'presentation_session_summary'),
  ),
  ...rows('PresentationSessionListing', [['future window', future]], error('NO_DATA_PRESENTATION')),
  ...rows(
    'PresentationSessionRecording',
    [['lsid', (f) => ({ lsid: f.presentation.lsid })]],
    flv((f) => `${f.presentation.lsid}.flv`),
  ),
  ...rows(
    'PresentationSessionRecording',
    [['lsid without recording', (f) => ({ lsid: f.presentationUnrecorded.lsid })]],
    error('NO_RECORDING'),
  ),
  ...rows(
    'PresentationSessionRecording',
    [['lsid of an expired recording', (f) => ({ lsid: f.presentationExpired.lsid })]],
    error('RECORDING_EXPIRED'),
  ),

  // §20–21 exit surveys: windows with report_type and id (all, a user, a team), lsid and lsids
  ...rows(
    'SupportCustExitSurvey',
    windowSets(
      (f) => f.custSurvey,
      () => ({ report_type: 'rep', id: 'all' }),
    ),
    list('exit_survey_list', 'exit_survey'),
  ),
  ...rows(
    'SupportCustExitSurvey',
    lsidSets(
      (f) => f.custSurvey,
      () => ({ report_type: 'rep' }),
    ),
    list('exit_survey_list', 'exit_survey'),
  ),
  ...rows(
    'SupportCustExitSurvey',
    [
      [
        'no id with a window',
        (f) => ({ start_time: f.custSurvey.start, duration: 1, report_type: 'rep' }),
      ],
    ],
    error('MISSING_PARAMETER', { name: 'id' }),
  ),
  ...rows(
    'SupportCustExitSurvey',
    [['report_type outside rep/team', (f) => ({ lsid: f.custSurvey.lsid, report_type: 'site' })]],
    error('INVALID_VALUE', { name: 'report_type' }),
  ),
  ...rows(
    'SupportCustExitSurvey',
    [
      [
        'malformed id',
        (f) => ({
          start_time: f.custSurvey.start,
          duration: 1,
          report_type: 'rep',
          id: 'everyone',
        }),
      ],
    ],
    error('INVALID_VALUE', { name: 'id' }),
  ),
  ...rows(
    'SupportCustExitSurvey',
    [['future window', (f) => ({ ...future(f), report_type: 'rep', id: 'all' })]],
    error('NO_DATA_SUPPORT'),
  ),
  ...rows(
    'SupportRepExitSurvey',
    windowSets(
      (f) => f.repSurvey,
      (f) => ({ report_type: 'rep', id: f.repSurvey.primaryRepId! }),
    ),
    list('exit_survey_list', 'exit_survey'),
  ),
  ...rows(
    'SupportRepExitSurvey',
    lsidSets(
      (f) => f.repSurvey,
      () => ({ report_type: 'team' }),
    ),
    list('exit_survey_list', 'exit_survey'),
  ),
  ...rows(
    'SupportRepExitSurvey',
    [
      [
        'team id',
        (f) => ({ start_time: f.repSurvey.start, duration: 1, report_type: 'team', id: 'all' }),
      ],
    ],
    list('exit_survey_list', 'exit_survey'),
  ),
  ...rows(
    'SupportRepExitSurvey',
    [['no report_type', (f) => ({ lsid: f.repSurvey.lsid })]],
    error('MISSING_PARAMETER', { name: 'report_type' }),
  ),

  // §22 SupportTeam
  ...rows(
    'SupportTeam',
    windowSets((f) => f.repTime),
    list('team_activity_list', 'team_activity'),
  ),
  ...rows(
    'SupportTeam',
    [['team_id', (f) => ({ start_date: isoDate(f.session.start), duration: 1, team_id: 1 })]],
    list('team_activity_list', 'team_activity'),
  ),
  ...rows(
    'SupportTeam',
    [
      [
        'unknown team_id',
        (f) => ({ start_date: isoDate(f.session.start), duration: 1, team_id: 999 }),
      ],
    ],
    error('NO_DATA_TEAM'),
  ),
  ...rows(
    'SupportTeam',
    [
      [
        'malformed team_id',
        (f) => ({ start_date: isoDate(f.session.start), duration: 1, team_id: 'x' }),
      ],
    ],
    error('INVALID_VALUE', { name: 'team_id' }),
  ),

  // §23–24 archives
  ...rows('ArchiveListing', [['date', (f) => ({ date: isoDate(f.now - 86_400) })]], {
    kind: 'document',
    root: 'archives',
  }),
  ...rows(
    'ArchiveListing',
    [['no date', () => ({})]],
    error('MISSING_PARAMETER', { name: 'date' }),
  ),
  ...rows(
    'ArchiveListing',
    [['malformed date', () => ({ date: '2025-02-30' })]],
    error('INVALID_VALUE', { name: 'date' }),
  ),
  ...rows(
    'Archive',
    [
      [
        'type=state, date, index',
        (f) => ({ type: 'state', date: isoDate(f.now - 86_400), index: 1 }),
      ],
    ],
    {
      kind: 'binary',
      contentType: 'application/x-gzip',
      filename: (f) => `state_${isoDate(f.now - 86_400)}_1.json.gz`,
      magic: GZIP,
    },
  ),
  ...rows(
    'Archive',
    [
      [
        'type=event, date, index',
        (f) => ({ type: 'event', date: isoDate(f.now - 86_400), index: 144 }),
      ],
    ],
    {
      kind: 'binary',
      contentType: 'application/x-gzip',
      filename: (f) => `event_${isoDate(f.now - 86_400)}_144.json.gz`,
      magic: GZIP,
    },
  ),
  ...rows(
    'Archive',
    [['index 0', (f) => ({ type: 'event', date: isoDate(f.now), index: 0 })]],
    error('NO_ARCHIVES'),
  ),
  ...rows(
    'Archive',
    [['type outside state/event', (f) => ({ type: 'log', date: isoDate(f.now), index: 1 })]],
    error('INVALID_VALUE', { name: 'type' }),
  ),
  ...rows(
    'Archive',
    [['no index', (f) => ({ type: 'state', date: isoDate(f.now) })]],
    error('MISSING_PARAMETER', { name: 'index' }),
  ),

  // §25 LicenseUsage
  ...(['hour', 'day', 'month'] as const).flatMap((g) =>
    rows(
      'LicenseUsage',
      [
        [
          `start_date, group_by=${g}`,
          (f: Fixtures) => ({
            start_date: isoDate(f.now - 30 * 86_400),
            duration: 30,
            group_by: g,
          }),
        ],
        [
          `start_time, group_by=${g}`,
          (f: Fixtures) => ({ start_time: f.now - 30 * 86_400, duration: 0, group_by: g }),
        ],
      ],
      { kind: 'document', root: 'license_usage' },
    ),
  ),
  ...rows(
    'LicenseUsage',
    [['end_time alone', (f) => ({ end_time: f.now - 86_400, duration: 0, group_by: 'day' })]],
    error('NO_PARAMETER_SET', { list: 'start_date or start_time' }),
  ),
  ...rows(
    'LicenseUsage',
    [['no group_by', (f) => ({ start_time: f.now - 86_400, duration: 0 })]],
    error('MISSING_PARAMETER', { name: 'group_by' }),
  ),
  ...rows(
    'LicenseUsage',
    [
      [
        'group_by in capitals',
        (f) => ({ start_time: f.now - 86_400, duration: 0, group_by: 'Day' }),
      ],
    ],
    error('INVALID_VALUE', { name: 'group_by' }),
  ),

  // §26 EndpointLicenseUsage
  ...rows(
    'EndpointLicenseUsage',
    [
      ['no parameters', () => ({})],
      ['extra parameters ignored', () => ({ start_time: 0, foo: 'bar' })],
    ],
    {
      kind: 'binary',
      contentType: 'application/zip',
      filename: () => 'endpoint_license_usage.zip',
      magic: ZIP,
    },
  ),
];
