import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { parseBearer } from '../auth/basic.js';
import { ApplianceError, FAULT_STATUS_PAGES } from '../errors.js';
import { NOT_FOUND_PAGE } from '../routes/not-found.js';
import { sendApplianceError } from '../routes/reply.js';
import type { MockState } from '../state.js';
import { addDoctypeEntity, cutInsideElement, insertInvalidChar } from './body.js';
import type { ChosenFault } from './engine.js';

const HTML_TYPE = 'text/html; charset=UTF-8';

/** The appliance's 429 (spec §8): XML error, `Retry-After` in whole seconds, at least 1. */
export function sendRateLimited(
  state: MockState,
  reply: FastifyReply,
  retryAfter: number,
): FastifyReply {
  reply.header('Retry-After', String(Math.max(1, retryAfter)));
  return sendApplianceError(state, reply, new ApplianceError('RATE_LIMITED'));
}

/** A server-error page as the web server in front of the appliance writes one. */
function statusPage(status: keyof typeof FAULT_STATUS_PAGES): string {
  const title = `${status} ${FAULT_STATUS_PAGES[status]}`;
  return `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>${title}</title>\n</head><body>\n<h1>${FAULT_STATUS_PAGES[status]}</h1>\n</body></html>\n`;
}

function latencyMs(fault: ChosenFault): number {
  if (fault.action.kind !== 'latency') return 0;
  const { ms } = fault.action;
  return Array.isArray(ms) ? fault.rng.int(ms[0], ms[1]) : ms;
}

/** Cuts the TCP connection with a RST instead of answering. */
export function resetConnection(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const socket = request.raw.socket;
  if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
  else socket.destroy();
  return reply.hijack();
}

/**
 * Applies a fault before the handler runs. Returns the reply when the fault answered (the
 * handler must not run), or nothing when the request goes on (latency, token revocation, and
 * body faults, which act when the body is sent).
 */
export async function applyRequestFault(
  state: MockState,
  request: FastifyRequest,
  reply: FastifyReply,
  fault: ChosenFault,
): Promise<FastifyReply | undefined> {
  const action = fault.action;
  switch (action.kind) {
    case 'latency': {
      const ms = latencyMs(fault);
      request.log.info({ ms, rule: fault.rule }, 'fault: latency');
      await new Promise((resolve) => setTimeout(resolve, ms));
      return undefined;
    }
    case 'status':
      request.log.info({ status: action.status, rule: fault.rule }, 'fault: status');
      if (action.status === 429) return sendRateLimited(state, reply, action.retryAfter ?? 1);
      return reply.code(action.status).type(HTML_TYPE).send(statusPage(action.status));
    case 'reset':
      request.log.info({ rule: fault.rule }, 'fault: connection reset');
      return resetConnection(request, reply);
    case 'html_page':
      request.log.info({ status: action.status, rule: fault.rule }, 'fault: html page');
      return reply.code(action.status).type(HTML_TYPE).send(NOT_FOUND_PAGE);
    case 'revoke_token': {
      const bearer = parseBearer(request.headers.authorization);
      if (bearer.scheme === 'bearer') state.tokens.revoke(bearer.token);
      request.log.info({ rule: fault.rule }, 'fault: token revoked');
      return undefined;
    }
    default:
      return undefined;
  }
}

async function payloadText(payload: unknown): Promise<string> {
  if (typeof payload === 'string') return payload;
  if (Buffer.isBuffer(payload)) return payload.toString('utf8');
  if (payload instanceof Readable) {
    const chunks: Buffer[] = [];
    for await (const chunk of payload) chunks.push(Buffer.from(chunk as Buffer | string));
    return Buffer.concat(chunks).toString('utf8');
  }
  return '';
}

/** A body stream that sends `text` and then fails, so the connection is cut mid-body. */
function cutStream(text: string): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (!sent) {
        sent = true;
        this.push(text);
        return;
      }
      // A failed body stream after the headers makes the server destroy the connection.
      this.destroy(new Error('body cut by the truncate fault'));
    },
  });
}

/** Applies a body fault to the payload about to be sent. */
export async function applyBodyFault(fault: ChosenFault, payload: unknown): Promise<unknown> {
  const action = fault.action;
  if (payload === null || payload === undefined) return payload;
  const text = await payloadText(payload);
  switch (action.kind) {
    case 'truncate': {
      const cut = cutInsideElement(text, action.at);
      return action.framing === 'complete' ? cut : cutStream(cut);
    }
    case 'invalid_chars':
      return insertInvalidChar(text, action.char);
    case 'doctype_entity':
      return addDoctypeEntity(text, action.url);
    default:
      return text;
  }
}
