import type { FastifyRequest } from 'fastify';

/** A parsed form body as the content-type parsers leave it. */
export type ParsedBody = { form: URLSearchParams } | { json: string } | null | undefined;

function lastWins(target: Map<string, string>, source: URLSearchParams): void {
  for (const [name, value] of source) target.set(name, value);
}

/**
 * The request's parameters (spec §1.2): the query string, and on POST a form body merged over
 * it (the body wins). Names are case-sensitive; a repeated name keeps its last value. Bodies of
 * any other content type (multipart, JSON) are ignored.
 */
export function requestParams(request: FastifyRequest): Map<string, string> {
  const params = new Map<string, string>();
  const url = request.raw.url ?? '';
  const q = url.indexOf('?');
  if (q >= 0) lastWins(params, new URLSearchParams(url.slice(q + 1)));
  const body = request.body as ParsedBody;
  if (request.method === 'POST' && body && 'form' in body) lastWins(params, body.form);
  return params;
}
