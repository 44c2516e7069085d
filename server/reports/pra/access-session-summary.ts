import { sessionSummaryReport } from '../support-session-summary.js';

/**
 * Statistics of PRA sessions per user or team (spec Appendix A: time sets, grouping parameter
 * not known). `report_type` is optional here and defaults to `rep`; `team` groups by team. A
 * PRA appliance has no public sites, so `site` is an invalid value.
 */
export const accessSessionSummary = sessionSummaryReport(
  'AccessSessionSummary',
  ['rep', 'team'],
  'rep',
);
