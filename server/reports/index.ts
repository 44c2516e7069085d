import type { ReportDefinition } from './context.js';
import { supportSession } from './support-session.js';
import { supportSessionListing } from './support-session-listing.js';
import { supportSessionSummary } from './support-session-summary.js';

/** Every report type the mock answers, by `generate_report` value (case-sensitive). */
export const REPORTS: ReadonlyMap<string, ReportDefinition> = new Map(
  [supportSession, supportSessionListing, supportSessionSummary].map((r) => [r.name, r]),
);
