import type { UrlPair } from './detail-types.js';
import { digestHex } from './rng.js';

/** The hash a download URL carries: ties the URL to its site, session, kind and instance. */
export function downloadHash(
  origin: string,
  lsid: string,
  kind: string,
  instance?: number,
): string {
  return digestHex('sha1', origin, lsid, kind, instance ?? '');
}

/** The appliance's download URL for chat or a recording (format of spec §11.3). */
export function downloadUrls(
  origin: string,
  lsid: string,
  kind: string,
  instance?: number,
): UrlPair {
  const h = downloadHash(origin, lsid, kind, instance);
  const suffix = instance === undefined ? '' : `&instance=${instance}`;
  const download = `${origin}/session_download?lsid=l%3D${lsid}%3Bh%3D${h}%3Bt%3Dsd%3Bm%3D${kind}&dl_action=${kind}${suffix}`;
  return { view: `${download}&view=1`, download };
}
