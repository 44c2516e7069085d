import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiAccount, ReportingPermissions } from '../auth/accounts.js';
import { findLegacyUser } from '../auth/legacy-users.js';
import { applianceMessage } from '../errors.js';
import type { Params } from '../reports/params.js';
import type { MockState } from '../state.js';
import { errorDocument, xmlStyle } from '../xml/document.js';
import { authenticate } from './bearer.js';
import { XML_TYPE } from './reply.js';

/** Who a reporting request acts for: an API account (Bearer) or a legacy user. */
export interface Principal {
  permissions: ReportingPermissions;
  account: ApiAccount | null;
}

/**
 * `<error>Login failed</error>` with HTTP 200 and no namespace declaration, whatever the
 * error style: old appliances answered bad user credentials this way (spec §7.2, §9).
 */
function sendLoginFailed(state: MockState, reply: FastifyReply): FastifyReply {
  reply.log.info({ code: 'LOGIN_FAILED' }, 'legacy login refused');
  const style = { ...xmlStyle(state.settings), errorStyle: 'bare' as const };
  return reply.type(XML_TYPE).send(errorDocument(style, applianceMessage('LOGIN_FAILED', 'en')));
}

/**
 * Authenticates a reporting request. Under `profile=legacy`, `username`/`password` parameters
 * are checked when present (on `/api/reporting` and `/api/reporting.ns`); otherwise the Bearer
 * token decides. On the legacy endpoint a request with neither gets `Login failed`. Returns
 * null after replying.
 */
export function reportingPrincipal(
  state: MockState,
  request: FastifyRequest,
  reply: FastifyReply,
  params: Params,
  legacyEndpoint: boolean,
): Principal | null {
  const legacy = state.settings.profile === 'legacy';
  const hasUserCredentials = params.has('username') || params.has('password');
  if (legacy && hasUserCredentials) {
    const user = findLegacyUser(state.legacyUsers, params.get('username'), params.get('password'));
    if (!user) return (sendLoginFailed(state, reply), null);
    request.log.info({ user: user.username }, 'legacy user authenticated');
    return { permissions: user.permissions, account: null };
  }
  if (legacyEndpoint && request.headers.authorization === undefined) {
    return (sendLoginFailed(state, reply), null);
  }
  const account = authenticate(state, request, reply);
  return account ? { permissions: account.permissions, account } : null;
}
