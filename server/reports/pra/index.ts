import type { ReportDefinition } from '../context.js';
import { endpointLicenseUsage } from '../endpoint-license-usage.js';
import { accessSession } from './access-session.js';
import { accessSessionListing } from './access-session-listing.js';
import { accessSessionSummary } from './access-session-summary.js';
import { jumpItem } from './jump-item.js';
import { accessSessionRecording, userRecording } from './recordings.js';
import { syslog } from './syslog.js';
import { team } from './team.js';
import { vaultAccountActivity } from './vault-account-activity.js';

/**
 * Every report type a Privileged Remote Access appliance answers (spec Appendix A), by
 * `generate_report` value. Remote Support names are unknown here, as PRA names are to RS.
 */
export const PRA_REPORTS: ReadonlyMap<string, ReportDefinition> = new Map(
  [
    accessSession,
    accessSessionListing,
    accessSessionSummary,
    accessSessionRecording,
    team,
    vaultAccountActivity,
    syslog,
    jumpItem,
    endpointLicenseUsage,
    userRecording,
  ].map((r) => [r.name, r]),
);
