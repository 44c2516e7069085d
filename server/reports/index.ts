import type { Product } from '../../generators/product.js';
import { archive } from './archive.js';
import { archiveListing } from './archive-listing.js';
import { commandShellRecording } from './command-shell-recording.js';
import type { ReportDefinition } from './context.js';
import { endpointLicenseUsage } from './endpoint-license-usage.js';
import { licenseUsage } from './license-usage.js';
import { presentationSession } from './presentation-session.js';
import { presentationSessionListing } from './presentation-session-listing.js';
import { presentationSessionRecording } from './presentation-session-recording.js';
import { showMyScreenRecording } from './show-my-screen-recording.js';
import { supportCustExitSurvey } from './support-cust-exit-survey.js';
import { supportRepExitSurvey } from './support-rep-exit-survey.js';
import { supportSession } from './support-session.js';
import { supportSessionListing } from './support-session-listing.js';
import { supportSessionRecording } from './support-session-recording.js';
import { supportSessionSummary } from './support-session-summary.js';
import { supportTeam } from './support-team.js';
import { PRA_REPORTS } from './pra/index.js';

/** Every report type the mock answers, by `generate_report` value (case-sensitive), §10 order. */
export const REPORTS: ReadonlyMap<string, ReportDefinition> = new Map(
  [
    supportSession,
    supportSessionListing,
    supportSessionSummary,
    supportSessionRecording,
    showMyScreenRecording,
    commandShellRecording,
    presentationSession,
    presentationSessionListing,
    presentationSessionRecording,
    supportCustExitSurvey,
    supportRepExitSurvey,
    supportTeam,
    archiveListing,
    archive,
    licenseUsage,
    endpointLicenseUsage,
  ].map((r) => [r.name, r]),
);

/** The report types of a product's appliance: Remote Support's or PRA's (spec Appendix A). */
export function reportsFor(product: Product): ReadonlyMap<string, ReportDefinition> {
  return product === 'pra' ? PRA_REPORTS : REPORTS;
}
