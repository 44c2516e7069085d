import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApplianceError } from '../errors.js';
import type { MockState } from '../state.js';
import { errorDocument, xmlStyle } from '../xml/document.js';

export const XML_TYPE = 'text/xml; charset=UTF-8';

/** Renders an appliance error as its `<error>` document with the registry's status. */
export function sendApplianceError(
  state: MockState,
  reply: FastifyReply,
  err: ApplianceError,
): FastifyReply {
  reply.log.info({ code: err.code }, 'appliance error');
  return reply
    .code(err.status)
    .type(XML_TYPE)
    .send(errorDocument(xmlStyle(state.settings), err.text(state.settings.locale)));
}

/** Origin of the appliance's download URLs: the configured one, or the one the request used. */
export function siteOrigin(state: MockState, request: FastifyRequest): string {
  return state.settings.siteOrigin ?? `${request.protocol}://${request.host}`;
}
