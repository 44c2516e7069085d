import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestParams } from './request-params.js';
import { NOT_FOUND_PAGE } from './routes/not-found.js';
import { NAMESPACES } from './settings.js';
import type { MockState } from './state.js';

/**
 * Deliberately broken answers, one mode at a time, so the contract kit can be shown to catch
 * each kind of defect. A test-only setting: hidden from the CLI help, never on by default.
 */
export const BREAKAGES = [
  'namespace',
  'extra-element',
  'invalid-char',
  'keepalive',
  'html-error',
  'server-error',
  'listing-mismatch',
] as const;

export type Breakage = (typeof BREAKAGES)[number];

const ROOT_START = /^(\s*<\?xml[^>]*\?>\s*<([\w.-]+)[^>]*>)/;

async function bodyText(payload: unknown): Promise<string | null> {
  if (typeof payload === 'string') return payload;
  if (Buffer.isBuffer(payload)) return payload.toString('utf8');
  if (payload instanceof Readable) {
    const chunks: Buffer[] = [];
    for await (const chunk of payload) chunks.push(Buffer.from(chunk as Buffer));
    return Buffer.concat(chunks).toString('utf8');
  }
  return null;
}

/** Rewrites one XML answer of the reporting route according to the mode. */
function breakXml(mode: Breakage, xml: string, state: MockState, request: FastifyRequest): string {
  switch (mode) {
    case 'namespace': {
      // The label printed in the vendor documentation, never used in real payloads (spec §4).
      const wrong = state.settings.namespace === 'docs' ? NAMESPACES.bomgar : NAMESPACES.docs;
      return xml.replace(/xmlns="[^"]*"/, `xmlns="${wrong}"`);
    }
    case 'extra-element':
      return xml.replace(ROOT_START, (all, _start, root: string) =>
        root === 'error' ? all : `${all}<debug_info>btmock</debug_info>`,
      );
    case 'invalid-char':
      // U+0008 inside primary_customer, as faults=invalid_chars does on a real failure (spec §7.7).
      return xml.includes('</primary_customer>')
        ? xml.replace('</primary_customer>', '\u0008</primary_customer>')
        : xml.replace(ROOT_START, '$1\u0008');
    case 'listing-mismatch':
      if (requestParams(request).get('generate_report') !== 'SupportSessionListing') return xml;
      return xml.replace(/<session_summary\b[^>]*\/>[ \t]*\n?/, '');
    default:
      return xml;
  }
}

/** Installs the mode as one onSend hook over every answer of the app. */
export function registerBreakage(app: FastifyInstance, state: MockState, mode: Breakage): void {
  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (mode === 'keepalive') {
      reply.removeHeader('Connection');
      return payload;
    }
    if (request.routeOptions.url !== '/api/reporting') return payload;
    if (mode === 'html-error') {
      reply.code(200).type('text/html; charset=UTF-8');
      return NOT_FOUND_PAGE;
    }
    if (mode === 'server-error') {
      reply.code(500).type('text/plain; charset=UTF-8');
      return 'Internal Server Error\n';
    }
    if (!String(reply.getHeader('content-type') ?? '').startsWith('text/xml')) return payload;
    const text = await bodyText(payload);
    if (text === null) return payload;
    const broken = breakXml(mode, text, state, request);
    reply.removeHeader('content-length');
    return broken;
  });
}
