import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerBreakage } from './breakage.js';
import { loggerOptions, type LogLevel } from './logger.js';
import type { ParsedBody } from './request-params.js';
import { registerCommand } from './routes/command.js';
import { sendNotFound } from './routes/not-found.js';
import { registerReporting } from './routes/reporting.js';
import { registerSchema } from './routes/schema.js';
import { registerToken } from './routes/token.js';
import { createState, type MockOptions, type MockState } from './state.js';

export interface AppOptions extends MockOptions {
  logLevel?: LogLevel;
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
}

/** Connection handling of spec §1.4: close after every response unless the profile says otherwise. */
function registerConnectionPolicy(app: FastifyInstance, state: MockState): void {
  const served = new WeakMap<object, number>();
  app.addHook('onRequest', async (request, reply) => {
    const socket = request.raw.socket;
    const count = (served.get(socket) ?? 0) + 1;
    served.set(socket, count);
    if (state.settings.keepalive === 'reset' && count > 1) {
      request.log.info('connection reset on reuse');
      socket.resetAndDestroy();
      return reply.hijack();
    }
    if (state.settings.keepalive !== 'allow') reply.header('Connection', 'close');
    reply.headers(SECURITY_HEADERS);
  });
}

/** Builds the mock appliance: a Fastify instance and the state behind it. */
export async function buildApp(
  options: AppOptions = {},
): Promise<{ app: FastifyInstance; state: MockState }> {
  const state = createState(options);
  const app = Fastify({
    logger: loggerOptions(options.logLevel ?? 'silent'),
    bodyLimit: 1024 * 1024,
    // Keep-alive sockets must not outlive the response when the profile closes them.
    forceCloseConnections: true,
  });

  registerBodyParsers(app);
  registerConnectionPolicy(app, state);
  if (options.breakage) registerBreakage(app, state, options.breakage);
  registerToken(app, state);
  registerReporting(app, state);
  registerSchema(app, state);
  registerCommand(app, state);

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
  return { app, state };
}
