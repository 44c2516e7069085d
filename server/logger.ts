import type { FastifyServerOptions } from 'fastify';

const SECRET_PARAMS = /([?&](?:password|client_secret|access_token|token)=)[^&]*/gi;

/** Request URLs as logged: values of secret-bearing parameters are replaced. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, '$1[redacted]');
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/**
 * pino options for the server: one child logger per request (Fastify's), never a token, a
 * secret or an Authorization header in a line.
 */
export function loggerOptions(level: LogLevel): FastifyServerOptions['logger'] {
  if (level === 'silent') return false;
  return {
    level,
    redact: ['req.headers.authorization', 'headers.authorization'],
    serializers: {
      req: (req: { method: string; url: string; ip?: string }) => ({
        method: req.method,
        url: redactUrl(req.url),
        remoteAddress: req.ip,
      }),
    },
  };
}

const SECRET_NAMES = new Set(['password', 'client_secret', 'access_token', 'token']);

/** Request parameters as logged: values of secret-bearing names are replaced. */
export function redactParams(params: ReadonlyMap<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of params) out[name] = SECRET_NAMES.has(name) ? '[redacted]' : value;
  return out;
}
