import { object } from './validate.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseBearer, sameBytes } from '../auth/basic.js';
import { AdminError } from '../errors.js';
import { ADMIN_PREFIX } from '../faults/engine.js';
import type { ParsedBody } from '../request-params.js';
import type { MockState } from '../state.js';
import { AdminOperations } from './operations.js';

/** The JSON body of an admin request; an absent body reads as `{}`. */
function jsonBody(request: FastifyRequest): unknown {
  const body = request.body as ParsedBody;
  if (body === undefined || body === null) {
    if (request.headers['content-length'] && request.headers['content-length'] !== '0') {
      throw new AdminError('ADMIN_BAD_JSON');
    }
    return {};
  }
  if (!('json' in body)) throw new AdminError('ADMIN_BAD_JSON');
  if (body.json.trim() === '') return {};
  try {
    return JSON.parse(body.json) as unknown;
  } catch {
    throw new AdminError('ADMIN_BAD_JSON');
  }
}

/** Query parameters as a journal match; `status` is a number there. */
function queryMatch(request: FastifyRequest): Record<string, unknown> {
  const query = { ...(request.query as Record<string, string>) };
  const match: Record<string, unknown> = { ...query };
  if (query.status !== undefined)
    match.status = query.status === 'null' ? null : Number(query.status);
  return match;
}

function sendAdminError(reply: FastifyReply, err: AdminError): FastifyReply {
  if (err.code === 'ADMIN_UNAUTHORIZED')
    reply.header('WWW-Authenticate', 'Bearer realm="btmock-admin"');
  return reply.code(err.status).type('application/json').send(JSON.stringify(err.toJSON()));
}

/**
 * The admin API under `/__admin`: JSON in and out, its own bearer token, never an API
 * account's token. Registered only when an admin token is configured.
 */
export function registerAdmin(app: FastifyInstance, state: MockState, ops: AdminOperations): void {
  const token = state.adminToken;
  if (token === null) return;

  app.register(
    async (admin) => {
      admin.addHook('onRequest', async (request, reply) => {
        const bearer = parseBearer(request.headers.authorization);
        if (bearer.scheme !== 'bearer' || !sameBytes(bearer.token, token)) {
          request.log.info('admin request refused');
          return sendAdminError(reply, new AdminError('ADMIN_UNAUTHORIZED'));
        }
      });
      admin.setErrorHandler((err, request, reply) => {
        if (err instanceof AdminError) return sendAdminError(reply, err);
        request.log.error({ err }, 'admin operation failed');
        return reply
          .code(500)
          .type('application/json')
          .send(JSON.stringify({ error: 'internal_error' }));
      });
      admin.setNotFoundHandler((request, reply) =>
        sendAdminError(
          reply,
          new AdminError('ADMIN_NO_ROUTE', { method: request.method, path: request.url }),
        ),
      );

      const json = (reply: FastifyReply, value: unknown, status = 200) =>
        reply.code(status).type('application/json').send(JSON.stringify(value));

      admin.post('/reset', async (q, reply) => {
        object(jsonBody(q), 'body', []);
        return json(reply, ops.reset());
      });

      admin.get('/clock', async (_q, reply) => json(reply, ops.clock()));
      admin.put('/clock', async (q, reply) => json(reply, ops.setClock(jsonBody(q))));
      admin.post('/clock/advance', async (q, reply) => json(reply, ops.advanceClock(jsonBody(q))));
      admin.post('/clock/freeze', async (_q, reply) => json(reply, ops.freezeClock()));
      admin.post('/clock/resume', async (_q, reply) => json(reply, ops.resumeClock()));

      admin.get('/sessions', async (_q, reply) => json(reply, ops.sessions()));
      admin.post('/sessions', async (q, reply) => json(reply, ops.addSession(jsonBody(q)), 201));

      admin.get('/journal', async (q, reply) => json(reply, ops.journal(queryMatch(q))));
      admin.delete('/journal', async (_q, reply) => json(reply, ops.clearJournal()));
      admin.post('/journal/verify', async (q, reply) =>
        json(reply, ops.verifyJournal(jsonBody(q))),
      );

      admin.get('/faults', async (_q, reply) => json(reply, ops.faults()));
      admin.post('/faults', async (q, reply) => json(reply, ops.addFault(jsonBody(q)), 201));
      admin.delete('/faults', async (_q, reply) => json(reply, ops.clearFaults()));
      admin.delete<{ Params: { id: string } }>('/faults/:id', async (q, reply) =>
        json(reply, ops.removeFault(q.params.id)),
      );

      admin.get('/settings', async (_q, reply) => json(reply, ops.settings()));
      admin.patch('/settings', async (q, reply) => json(reply, ops.updateSettings(jsonBody(q))));

      admin.delete('/tokens', async (_q, reply) => json(reply, ops.revokeTokens()));
    },
    { prefix: ADMIN_PREFIX },
  );
}
