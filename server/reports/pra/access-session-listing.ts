import type { ReportDefinition } from '../context.js';
import { supportSessionListing } from '../support-session-listing.js';

/**
 * Session ids, external keys and recording flags of PRA sessions (spec Appendix A): the four
 * time sets, `session_summary_list` as §12, the Support no-data sentence.
 */
export const accessSessionListing: ReportDefinition = {
  ...supportSessionListing,
  name: 'AccessSessionListing',
};
