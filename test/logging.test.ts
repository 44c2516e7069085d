import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { redactParams, redactUrl } from '../server/logger.js';
import { loggerOptions } from '../server/logger.js';

describe('logs', () => {
  it('never carry a password, a client secret or a token from a URL or parameters', () => {
    expect(redactUrl('/api/reporting.ns?username=u&password=hunter2&generate_report=X')).toBe(
      '/api/reporting.ns?username=u&password=[redacted]&generate_report=X',
    );
    expect(
      redactParams(
        new Map([
          ['password', 'hunter2'],
          ['lsid', 'abc'],
        ]),
      ),
    ).toEqual({ password: '[redacted]', lsid: 'abc' });
  });

  it('never carry the Authorization header of a request', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const options = loggerOptions('info') as Record<string, unknown>;
    const app = Fastify({ logger: { ...options, stream: sink } });
    app.get('/x', async (request) => {
      request.log.info({ headers: request.headers }, 'seen');
      return 'ok';
    });
    await app.inject({
      url: '/x?password=hunter2',
      headers: { authorization: 'Bearer SECRET-TOKEN-123' },
    });
    await app.close();
    const all = lines.join('');
    expect(all).toContain('seen');
    expect(all).not.toContain('SECRET-TOKEN-123');
    expect(all).not.toContain('hunter2');
  });
});
