import type { Evidence } from './types.js';
import type {
  DiscoveredValue,
  ErrorEdge,
  NoDataAnswer,
  ParamValue,
  ParameterSet,
  ReportType,
  WindowValue,
} from './report-types.js';

/** Building blocks of the report table: the sets and edges several report types share. */

export const W = (window: WindowValue): ParamValue => ({ window });
export const F = (found: DiscoveredValue): ParamValue => ({ found });
export const UNKNOWN_LSID = 'ffffffffffffffffffffffffffffffff';

/** The four time-window sets of spec §6, each with `duration`, plus report-specific extras. */
export function timeSets(extra: Record<string, ParamValue> = {}): ParameterSet[] {
  return [
    {
      name: 'start_date',
      anchor: 'start',
      params: { start_date: W('date'), duration: W('days'), ...extra },
    },
    {
      name: 'start_time',
      anchor: 'start',
      params: { start_time: W('startTime'), duration: W('seconds'), ...extra },
    },
    {
      name: 'end_date',
      anchor: 'end',
      params: { end_date: W('date'), duration: W('days'), ...extra },
    },
    {
      name: 'end_time',
      anchor: 'end',
      params: { end_time: W('startTime'), duration: W('seconds'), ...extra },
    },
  ];
}

export function future(extra: Record<string, ParamValue> = {}): Record<string, ParamValue> {
  return { start_time: W('futureTime'), duration: '3600', ...extra };
}

/** A malformed `start_time` (quirk 19): an ISO string is an error, never an empty result. */
export function badStartTime(extra: Record<string, ParamValue> = {}): ErrorEdge {
  return {
    name: 'bad start_time',
    params: { start_time: '2025-09-18T19:12:20Z', duration: '0', ...extra },
    code: 'INVALID_VALUE',
    textParams: { name: 'start_time' },
    evidence: 'assumed',
  };
}

export function unknownLsid(
  extra: Record<string, ParamValue> = {},
  evidence: Evidence = 'assumed',
): ErrorEdge {
  return {
    name: 'unknown lsid',
    params: { lsid: UNKNOWN_LSID, ...extra },
    code: 'INVALID_LSID',
    evidence,
  };
}

export const NO_DATA_SUPPORT: NoDataAnswer = {
  kind: 'error',
  code: 'NO_DATA_SUPPORT',
  evidence: 'real',
};
export const NO_DATA_SUPPORT_ASSUMED: NoDataAnswer = {
  kind: 'error',
  code: 'NO_DATA_SUPPORT',
  evidence: 'assumed',
};
export const NO_DATA_PRESENTATION: NoDataAnswer = {
  kind: 'error',
  code: 'NO_DATA_PRESENTATION',
  evidence: 'assumed',
};

export function recording(
  name: string,
  lsid: DiscoveredValue,
  extra: Record<string, ParamValue> = {},
): ReportType {
  return {
    name,
    body: 'flv',
    contentType: 'video/x-flv',
    sets: [{ name: 'lsid', selects: 'lsid', params: { lsid: F(lsid), ...extra } }],
    errors: [
      unknownLsid(),
      {
        name: 'missing lsid',
        params: {},
        code: 'MISSING_PARAMETER',
        textParams: { name: 'lsid' },
        evidence: 'assumed',
      },
    ],
  };
}

export const SURVEY_EXTRA = { report_type: 'rep', id: 'all' };

export function survey(name: string): ReportType {
  return {
    name,
    body: 'xml',
    root: 'exit_survey_list',
    item: 'exit_survey',
    sets: [
      ...timeSets(SURVEY_EXTRA),
      {
        name: 'start_time team',
        anchor: 'start',
        params: {
          start_time: W('startTime'),
          duration: W('seconds'),
          report_type: 'team',
          id: 'all',
        },
      },
      { name: 'lsid', params: { lsid: F('lsid'), report_type: 'rep' } },
      { name: 'lsids', params: { lsids: F('lsids'), report_type: 'rep' } },
    ],
    noData: NO_DATA_SUPPORT_ASSUMED,
    emptyWindow: future(SURVEY_EXTRA),
    errors: [
      badStartTime(SURVEY_EXTRA),
      unknownLsid({ report_type: 'rep' }),
      {
        name: 'bad report_type',
        params: {
          start_time: W('startTime'),
          duration: W('seconds'),
          report_type: 'week',
          id: 'all',
        },
        code: 'INVALID_VALUE',
        textParams: { name: 'report_type' },
        evidence: 'assumed',
      },
    ],
  };
}
