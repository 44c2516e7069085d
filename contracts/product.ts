import type { Product } from '../generators/product.js';
import { applianceMessage } from '../server/errors.js';
import { targetUrl, type HttpClient } from './http-client.js';

/** `rs`, `pra`, or `auto`: find out from the target's answers. */
export type ProductChoice = Product | 'auto';

/** Which product's matrix the kit ran, and why. */
export interface ProductOrigin {
  product: Product;
  source: 'option' | 'detected' | 'default';
  reason: string;
}

const INVALID = applianceMessage('INVALID_REPORT_TYPE', 'en');

async function unknownToTarget(
  http: HttpClient,
  target: string,
  token: string,
  name: string,
  futureTime: string,
): Promise<boolean | null> {
  const query = new URLSearchParams({
    generate_report: name,
    start_time: futureTime,
    duration: '3600',
  });
  const res = await http.request({
    method: 'GET',
    url: targetUrl(target, `/api/reporting?${query}`),
    headers: { Authorization: `Bearer ${token}` },
  });
  if (!res.ok || res.status !== 200) return null;
  return /<error[^>]*>\s*([^<]*?)\s*<\/error>/.exec(res.body.toString('utf8'))?.[1] === INVALID;
}

/**
 * The product behind a target. `get_api_info` names no product (spec Appendix B: both report
 * the same API versions and permission names), so the answers decide: a PRA appliance answers
 * `Invalid report type.` to SupportSessionListing and its no-data answer to
 * AccessSessionListing, a Remote Support appliance the other way round. Both probes ask for a
 * window in the future, so they cost the target nothing.
 */
export async function detectProduct(
  http: HttpClient,
  target: string,
  token: string,
  futureTime: string,
): Promise<ProductOrigin> {
  const rsUnknown = await unknownToTarget(http, target, token, 'SupportSessionListing', futureTime);
  const praUnknown = await unknownToTarget(http, target, token, 'AccessSessionListing', futureTime);
  if (rsUnknown === true && praUnknown === false) {
    return {
      product: 'pra',
      source: 'detected',
      reason: 'SupportSessionListing is an unknown report type, AccessSessionListing is not',
    };
  }
  if (praUnknown === true && rsUnknown === false) {
    return {
      product: 'rs',
      source: 'detected',
      reason: 'AccessSessionListing is an unknown report type, SupportSessionListing is not',
    };
  }
  return {
    product: 'rs',
    source: 'default',
    reason:
      'the answers to SupportSessionListing and AccessSessionListing did not tell the products apart',
  };
}
