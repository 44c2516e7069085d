import type { ReportType } from './report-types.js';
import { finding, settle, type CaseResult } from './types.js';

function difference(a: string[], b: string[]): string[] {
  const set = new Set(b);
  return a.filter((x) => !set.has(x));
}

function listed(values: string[]): string {
  return values.length > 5
    ? `${values.slice(0, 5).join(', ')} and ${values.length - 5} more`
    : values.join(', ');
}

/**
 * Behavioural comparisons across answers: a listing names the same sessions as its detail report
 * for the same window (spec §12, §18), and GET and POST with the same parameters select the same
 * items (quirk 17).
 */
export function compareLsids(
  types: readonly ReportType[],
  lsids: ReadonlyMap<string, string[]>,
): CaseResult[] {
  const results: CaseResult[] = [];
  for (const type of types) {
    if (type.detailOf && types.some((t) => t.name === type.detailOf)) {
      for (const set of type.sets) {
        const listing = lsids.get(`${type.name}/${set.name}/GET`);
        const detail = lsids.get(`${type.detailOf}/${set.name}/GET`);
        if (!listing || !detail) continue;
        const result: CaseResult = {
          id: `${type.name}/listing ↔ detail/${set.name}`,
          reportType: type.name,
          title: `${set.name}: listing names the same sessions as ${type.detailOf}`,
          status: 'pass',
          reason: `${listing.length} sessions`,
          findings: [],
        };
        const missing = difference(detail, listing);
        const extra = difference(listing, detail);
        const rule = `§12 the lsids of a ${type.name} window are the lsids of ${type.detailOf} for the same window`;
        if (missing.length > 0) {
          result.findings.push(
            finding(
              'LISTING_DETAIL',
              'sister',
              rule,
              `in ${type.detailOf} but not in the listing: ${listed(missing)}`,
              { xpath: `/${type.root}/${type.item}` },
            ),
          );
        }
        if (extra.length > 0) {
          result.findings.push(
            finding(
              'LISTING_DETAIL',
              'sister',
              rule,
              `in the listing but not in ${type.detailOf}: ${listed(extra)}`,
              { xpath: `/${type.root}/${type.item}` },
            ),
          );
        }
        if (missing.length === 0 && extra.length === 0 && listing.join() !== detail.join()) {
          result.findings.push(
            finding(
              'ORDER',
              'assumed',
              '§6.2 listing and detail come in the same order',
              'same sessions in another order',
            ),
          );
        }
        results.push(settle(result));
      }
    }

    const differing: string[] = [];
    let compared = 0;
    for (const set of type.sets) {
      const get = lsids.get(`${type.name}/${set.name}/GET`);
      const post = lsids.get(`${type.name}/${set.name}/POST`);
      if (!get || !post) continue;
      compared++;
      if (get.join() !== post.join()) differing.push(set.name);
    }
    if (compared > 0 && type.item) {
      const result: CaseResult = {
        id: `${type.name}/GET ↔ POST`,
        reportType: type.name,
        title: 'GET with a query and POST with a form body select the same items',
        status: 'pass',
        reason: `${compared} parameter sets compared`,
        findings: differing.map((name) =>
          finding(
            'GET_POST',
            'real',
            'quirk 17: GET and form POST give the same answer',
            `parameter set ${name} differs`,
          ),
        ),
      };
      results.push(settle(result));
    }
  }
  return results;
}
