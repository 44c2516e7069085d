import type { Product } from '../generators/product.js';
import { reportTypesFor } from './report-types-pra.js';

/** One request of a capture. */
export interface Planned {
  generateReport: string;
  params: Record<string, string>;
}

/** What a capture asks of one product's appliance. */
export interface CapturePlan {
  /** The XML reports of the window, in the order they are asked for. */
  window: Planned[];
  /** The listing whose lsids are then asked for one by one, and the detail report that asks. */
  listing: string;
  detail: string;
  /** Report types of the product never captured, with the reason. */
  excluded: string[];
}

function isoDate(epoch: number): string {
  return new Date(epoch * 1000).toISOString().slice(0, 10);
}

/** Remote Support: every XML report type of spec §10. */
function rsWindow(start: number, duration: number): Planned[] {
  const t = { start_time: String(start), duration: String(duration) };
  const e = { end_time: String(start), duration: String(duration) };
  return [
    { generateReport: 'SupportSessionListing', params: t },
    { generateReport: 'SupportSessionListing', params: e },
    { generateReport: 'SupportSession', params: t },
    { generateReport: 'SupportSession', params: e },
    ...['rep', 'team', 'site'].map((r) => ({
      generateReport: 'SupportSessionSummary',
      params: { ...t, report_type: r },
    })),
    { generateReport: 'PresentationSessionListing', params: t },
    { generateReport: 'PresentationSession', params: t },
    { generateReport: 'SupportCustExitSurvey', params: { ...t, report_type: 'rep', id: 'all' } },
    { generateReport: 'SupportRepExitSurvey', params: { ...t, report_type: 'rep', id: 'all' } },
    { generateReport: 'SupportTeam', params: t },
    { generateReport: 'ArchiveListing', params: { date: isoDate(start) } },
    { generateReport: 'LicenseUsage', params: { ...t, group_by: 'hour' } },
  ];
}

/**
 * Privileged Remote Access: every XML report type of spec Appendix A, asked the way real PRA
 * clients ask. AccessSessionSummary gets the plain time set only: its grouping parameter is not
 * known for PRA. JumpItem takes no parameters.
 */
function praWindow(start: number, duration: number): Planned[] {
  const t = { start_time: String(start), duration: String(duration) };
  const e = { end_time: String(start), duration: String(duration) };
  return [
    { generateReport: 'AccessSessionListing', params: t },
    { generateReport: 'AccessSessionListing', params: e },
    { generateReport: 'AccessSession', params: t },
    { generateReport: 'AccessSession', params: e },
    { generateReport: 'AccessSessionSummary', params: t },
    { generateReport: 'Team', params: t },
    { generateReport: 'VaultAccountActivity', params: t },
    { generateReport: 'JumpItem', params: {} },
  ];
}

/** The capture of a window of a product's appliance, limited to the wanted report types. */
export function capturePlan(
  product: Product,
  start: number,
  duration: number,
  wanted: (name: string) => boolean,
): CapturePlan {
  const window = product === 'pra' ? praWindow(start, duration) : rsWindow(start, duration);
  const excluded = reportTypesFor(product)
    .filter((t) => t.body !== 'xml' && wanted(t.name))
    .map((t) => `${t.name} (binary: not anonymisable, never captured)`);
  return {
    window: window.filter((p) => wanted(p.generateReport)),
    listing: product === 'pra' ? 'AccessSessionListing' : 'SupportSessionListing',
    detail: product === 'pra' ? 'AccessSession' : 'SupportSession',
    excluded,
  };
}
