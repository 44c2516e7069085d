import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { bundledSchemaPath } from '../../schemas/paths.js';
import type { MockState } from '../state.js';
import { sendNotFound } from './not-found.js';

/** `GET /api/reporting.xsd`: the schema of the reporting output, served without authentication. */
export function registerSchema(app: FastifyInstance, state: MockState): void {
  const xsd = readFileSync(bundledSchemaPath(), 'utf8');
  app.get('/api/reporting.xsd', async (_request, reply) => {
    if (!state.settings.xmlApiEnabled) return sendNotFound(reply);
    return reply.type('text/xml; charset=UTF-8').send(xsd);
  });
}
