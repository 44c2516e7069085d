import type { IncomingHttpHeaders } from 'node:http';
import { finding, type Finding } from '../types.js';

/** The status the contract requires (spec §7.6): application errors are 200, token problems 401. */
export function checkStatus(
  status: number,
  expected: number,
  evidence: 'doc' | 'real' = 'real',
): Finding[] {
  if (status === expected) return [];
  const kind = status >= 500 ? 'a server error' : `status ${status}`;
  return [
    finding(
      'STATUS',
      evidence,
      `§7.6 this request is answered with HTTP ${expected}`,
      `answered with ${kind}`,
    ),
  ];
}

/** Every response carries `Connection: close` (spec §1.4). */
export function checkConnectionClose(headers: IncomingHttpHeaders): Finding[] {
  const value = String(headers.connection ?? '').toLowerCase();
  if (value.split(',').some((v) => v.trim() === 'close')) return [];
  return [
    finding(
      'CONNECTION_CLOSE',
      'real',
      '§1.4 every response carries Connection: close and the server closes the socket',
      value ? `Connection: ${value}` : 'no Connection header',
    ),
  ];
}
