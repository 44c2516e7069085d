import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiAccount } from '../auth/accounts.js';
import { parseBearer } from '../auth/basic.js';
import { ApplianceError } from '../errors.js';
import type { MockState } from '../state.js';
import { sendApplianceError } from './reply.js';

/**
 * Checks the Bearer token (spec §2.6). Every token problem is a 401 with an XML body, never a
 * 200: clients re-authenticate only on 401. Returns the account, or null after replying.
 */
export function authenticate(
  state: MockState,
  request: FastifyRequest,
  reply: FastifyReply,
): ApiAccount | null {
  const bearer = parseBearer(request.headers.authorization);
  if (bearer.scheme !== 'bearer') {
    reply.header('WWW-Authenticate', 'Bearer');
    sendApplianceError(state, reply, new ApplianceError('AUTHENTICATION_FAILED'));
    return null;
  }
  const check = state.tokens.check(bearer.token);
  if (!check.ok) {
    request.log.info({ reason: check.reason }, 'bearer token refused');
    reply.header('WWW-Authenticate', 'Bearer error="invalid_token"');
    sendApplianceError(state, reply, new ApplianceError('AUTHENTICATION_FAILED'));
    return null;
  }
  return check.account;
}
