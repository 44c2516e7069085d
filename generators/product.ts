/**
 * The appliance a world belongs to: BeyondTrust Remote Support (`rs`) or its sister product
 * Privileged Remote Access (`pra`). Both serve the same endpoint, token flow, namespace and
 * serialisation; a product is a profile of the same server (spec Appendix A).
 */
export type Product = 'rs' | 'pra';

export const PRODUCTS: readonly Product[] = ['rs', 'pra'];

export const DEFAULT_PRODUCT: Product = 'rs';

/** Whether a text names a product (`rs` or `pra`). */
export function isProduct(value: unknown): value is Product {
  return value === 'rs' || value === 'pra';
}
