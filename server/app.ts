import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import type { RequestListener, Server } from 'node:http';
import { AdminOperations } from './admin/operations.js';
import { registerAdmin } from './admin/routes.js';
import { registerFaults } from './faults/hooks.js';
import { resetConnection } from './faults/respond.js';
import { isAdminRequest, registerByteCounter, registerJournal } from './journal/hooks.js';
import { registerBreakage } from './breakage.js';
import { loggerOptions, type LogLevel } from './logger.js';
import type { ParsedBody } from './request-params.js';
import { registerCommand } from './routes/command.js';
import { sendNotFound } from './routes/not-found.js';
import { registerReporting } from './routes/reporting.js';
import { registerSchema } from './routes/schema.js';
import { registerSessionDownload } from './routes/session-download.js';
import { registerToken } from './routes/token.js';
import { captureInitialState, createState, type MockOptions, type MockState } from './state.js';

export interface AppOptions extends MockOptions {
  logLevel?: LogLevel;
  /**
   * Creates the server Fastify listens with (TLS, or one handler on two servers); Fastify's
   * own plain HTTP server by default.
   */
  serverFactory?: (handler: RequestListener) => Server;
}

const SECURITY_HEADERS = {
  'X-Frame-Options': 'SAMEORIGIN',
  'X-Content-Type-Options': 'nosniff',
  'X-Xss-Protection': '1; mode=block',
};

/** Installs body parsers that never fail a request: unknown bodies are read and ignored. */
function registerBodyParsers(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.register(formbody, { parser: (body: string) => ({ form: new URLSearchParams(body) }) });
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) =>
    done(null, { json: String(body) } satisfies ParsedBody),
  );
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, _body, done) => done(null, null));
  // A Content-Type that is not a media type at all (`;;;`) would make Fastify answer 415; the
  // appliance ignores bodies it cannot read, so such a body is read as opaque bytes instead.
  app.addHook('onRequest', async (request) => {
    const type = request.headers['content-type'];
    if (type !== undefined && !MEDIA_TYPE.test(type)) {
      request.headers['content-type'] = 'application/octet-stream';
    }
  });
}

const TOKEN_CHARS = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const MEDIA_TYPE = new RegExp(`^\\s*${TOKEN_CHARS}/${TOKEN_CHARS}\\s*(;.*)?$`);

/**
 * Connection handling of spec §1.4: close after every response unless the profile says
 * otherwise. Under `reset` the mock offers keep-alive, then resets a connection that is reused.
 */
function registerConnectionPolicy(app: FastifyInstance, state: MockState): void {
  const served = new WeakMap<object, number>();
  app.addHook('onRequest', async (request, reply) => {
    const socket = request.raw.socket;
    const count = (served.get(socket) ?? 0) + 1;
    served.set(socket, count);
    const admin = isAdminRequest(state, request);
    if (state.settings.keepalive === 'reset' && count > 1 && !admin) {
      request.log.info('connection reset on reuse');
      if (request.trace) request.trace.fault = 'keepalive_reset';
      return resetConnection(request, reply);
    }
    if (state.settings.keepalive === 'close' || admin) reply.header('Connection', 'close');
    reply.headers(SECURITY_HEADERS);
  });
}

/** Builds the mock appliance: a Fastify instance and the state behind it. */
export async function buildApp(
  options: AppOptions = {},
): Promise<{ app: FastifyInstance; state: MockState; admin: AdminOperations }> {
  const state = createState(options);
  const app = Fastify({
    logger: loggerOptions(options.logLevel ?? 'silent'),
    bodyLimit: 1024 * 1024,
    // Keep-alive sockets must not outlive the response when the profile closes them.
    forceCloseConnections: true,
    // HEAD is not the appliance's: it answers 405 (spec §1.1), and an automatic HEAD route would
    // generate a whole report only to throw it away.
    exposeHeadRoutes: false,
    ...(options.serverFactory ? { serverFactory: options.serverFactory } : {}),
  });

  const admin = new AdminOperations(state);

  // Hook order matters: the journal's trace first, then the connection policy, the limiter and
  // the faults, and the byte counter after every hook that edits a body.
  registerBodyParsers(app);
  registerJournal(app, state);
  registerConnectionPolicy(app, state);
  registerFaults(app, state);
  registerByteCounter(app);
  registerAdmin(app, state, admin);
  if (options.breakage) registerBreakage(app, state, options.breakage);
  registerToken(app, state);
  registerReporting(app, state);
  registerSchema(app, state);
  registerCommand(app, state);
  registerSessionDownload(app, state);

  app.setNotFoundHandler((_request, reply) => sendNotFound(reply));
  app.setErrorHandler(
    (err: { statusCode?: number; code?: string; message: string }, request, reply) => {
      const status = err.statusCode && err.statusCode < 500 ? err.statusCode : 500;
      if (status >= 500) request.log.error({ err }, 'internal error');
      else request.log.info({ code: err.code }, 'request rejected');
      return reply
        .code(status)
        .type('text/plain; charset=UTF-8')
        .send(`${err.code ?? 'ERROR'}: ${err.message}\n`);
    },
  );

  await app.ready();
  captureInitialState(state);
  return { app, state, admin };
}
