import type { FastifyInstance, FastifyReply } from 'fastify';
import { addressAllowed } from '../auth/accounts.js';
import { findAccount, parseBasic } from '../auth/basic.js';
import { OAUTH_ERRORS, type OAuthErrorCode } from '../errors.js';
import type { ParsedBody } from '../request-params.js';
import type { MockState } from '../state.js';

const CACHE_CONTROL = 'must-revalidate, no-cache, no-store, post-check=0, pre-check=0, private';

function oauthError(reply: FastifyReply, code: OAuthErrorCode): FastifyReply {
  const { status, error, message } = OAUTH_ERRORS[code];
  if (code === 'INVALID_CLIENT') reply.header('WWW-Authenticate', 'Basic realm="OAuth"');
  reply.log.info({ code }, 'token refused');
  return reply.code(status).type('application/json').send(JSON.stringify({ error, message }));
}

/** grant_type from a form body, or from a JSON body when the profile accepts JSON (spec §2.2). */
function grantType(body: ParsedBody, acceptJson: boolean): string | undefined {
  if (!body) return undefined;
  if ('form' in body) return body.form.get('grant_type') ?? undefined;
  if (!acceptJson) return undefined;
  try {
    const parsed: unknown = JSON.parse(body.json);
    if (parsed && typeof parsed === 'object' && 'grant_type' in parsed) {
      const value = (parsed as { grant_type: unknown }).grant_type;
      return typeof value === 'string' ? value : undefined;
    }
  } catch {
    // An unparseable JSON body carries no grant type; the answer is the grant-type error.
  }
  return undefined;
}

/** `POST /oauth2/token`: client credentials in HTTP Basic, compared raw (spec §2.2–2.5). */
export function registerToken(app: FastifyInstance, state: MockState): void {
  app.post('/oauth2/token', async (request, reply) => {
    reply.header('Cache-Control', CACHE_CONTROL);
    const credentials = parseBasic(request.headers.authorization, state.settings.basicUrldecode);
    const account = credentials && findAccount(state.accounts, credentials);
    if (!account || !account.enabled || !addressAllowed(account, request.ip)) {
      return oauthError(reply, 'INVALID_CLIENT');
    }
    const grant = grantType(request.body as ParsedBody, state.settings.tokenBody === 'form+json');
    if (grant !== 'client_credentials') return oauthError(reply, 'UNSUPPORTED_GRANT_TYPE');

    const { token, expiresIn } = state.tokens.issue(account);
    request.log.info({ account: account.name }, 'token issued');
    // Compact JSON with the keys in the appliance's order.
    return reply.type('application/json').send(
      JSON.stringify({
        access_token: token,
        token_type: state.settings.tokenType,
        expires_in: expiresIn,
      }),
    );
  });

  app.route({
    method: ['GET', 'HEAD', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE'],
    url: '/oauth2/token',
    handler: async (_request, reply) =>
      reply
        .code(405)
        .header('Allow', 'POST')
        .type('application/json')
        .send('{"error":"method_not_allowed"}'),
  });
}
