/** One request the mock answered, as the journal keeps it. */
export interface JournalEntry {
  /** Position in the journal, from 1; ids are never reused until a reset. */
  id: number;
  /** The appliance clock when the request arrived, UNIX seconds. */
  time: number;
  /** Wall-clock time the request arrived, ISO 8601 with milliseconds. */
  receivedAt: string;
  method: string;
  /** Path without the query string. */
  path: string;
  /** `generate_report`, when the request named one. */
  report: string | null;
  /** Query and form parameters (form wins), values of secret parameters replaced. */
  params: Record<string, string>;
  /** HTTP status sent; null when the connection was reset before any status. */
  status: number | null;
  contentType: string | null;
  /** Body bytes written to the connection. */
  bytes: number;
  /** Client id of the API account whose valid token the request carried. */
  account: string | null;
  /** What went wrong on purpose: a fault kind, `rate_limit` or `keepalive_reset`. */
  fault: string | null;
  /** Id of the fault rule that applied, when one did. */
  rule: string | null;
}

const SECRET_PARAM = /password|secret|token/i;

export const REDACTED = '[redacted]';

/** Request parameters as the journal records them: secret values never kept. */
export function redactParams(params: ReadonlyMap<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of params) out[name] = SECRET_PARAM.test(name) ? REDACTED : value;
  return out;
}
