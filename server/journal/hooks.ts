import { PassThrough, pipeline, Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseBearer } from '../auth/basic.js';
import { ADMIN_PREFIX, type ChosenFault } from '../faults/engine.js';
import { requestParams } from '../request-params.js';
import type { MockState } from '../state.js';
import { redactParams } from './entry.js';

/** What the mock notes about one request while answering it; the journal entry is made from it. */
export interface RequestTrace {
  time: number;
  receivedAt: string;
  account: string | null;
  fault: string | null;
  rule: string | null;
  /** A body fault chosen before the handler ran, applied when the body is sent. */
  bodyFault: ChosenFault | null;
  bytes: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Null on admin requests, which are neither journaled nor faulted. */
    trace: RequestTrace | null;
  }
}

export function pathOf(request: FastifyRequest): string {
  const url = request.raw.url ?? '/';
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

/** Whether the request is for the admin API (only when the admin API is on). */
export function isAdminRequest(state: MockState, request: FastifyRequest): boolean {
  return state.adminToken !== null && pathOf(request).startsWith(ADMIN_PREFIX);
}

/** The client id behind the request's bearer token, if the token is valid on arrival. */
function accountOf(state: MockState, request: FastifyRequest): string | null {
  const bearer = parseBearer(request.headers.authorization);
  if (bearer.scheme !== 'bearer') return null;
  const check = state.tokens.check(bearer.token);
  return check.ok ? check.account.clientId : null;
}

/**
 * Starts a trace for every non-admin request and writes its journal entry when the response
 * closes: after the last byte, or when the connection was reset or cut.
 */
export function registerJournal(app: FastifyInstance, state: MockState): void {
  app.decorateRequest('trace', null);
  app.addHook('onRequest', async (request, reply) => {
    if (isAdminRequest(state, request)) return;
    const trace: RequestTrace = {
      time: state.clock.now(),
      receivedAt: new Date().toISOString(),
      account: accountOf(state, request),
      fault: null,
      rule: null,
      bodyFault: null,
      bytes: 0,
    };
    request.trace = trace;
    reply.raw.once('close', () => record(state, request, reply, trace));
  });
}

function record(
  state: MockState,
  request: FastifyRequest,
  reply: FastifyReply,
  trace: RequestTrace,
): void {
  const params = requestParams(request);
  const sent = reply.raw.headersSent;
  const contentType = sent ? reply.getHeader('content-type') : undefined;
  state.journal.record({
    time: trace.time,
    receivedAt: trace.receivedAt,
    method: request.method,
    path: pathOf(request),
    report: params.get('generate_report') ?? null,
    params: redactParams(params),
    status: sent ? reply.raw.statusCode : null,
    contentType: contentType === undefined ? null : String(contentType),
    bytes: trace.bytes,
    account: trace.account,
    fault: trace.fault,
    rule: trace.rule,
  });
}

/** Counts the body bytes of every traced answer; registered after every hook that edits bodies. */
export function registerByteCounter(app: FastifyInstance): void {
  app.addHook('onSend', async (request, _reply, payload) => {
    const trace = request.trace;
    if (!trace || payload === null || payload === undefined) return payload;
    if (typeof payload === 'string' || Buffer.isBuffer(payload)) {
      trace.bytes = Buffer.byteLength(payload);
      return payload;
    }
    if (!(payload instanceof Readable)) return payload;
    const counter = new PassThrough();
    counter.on('data', (chunk: Buffer) => (trace.bytes += chunk.length));
    // pipeline, unlike pipe, passes a source error on, so a cut body still ends the response.
    pipeline(payload, counter, () => {});
    return counter;
  });
}
