import type { FastifyInstance } from 'fastify';
import { schemaForNamespace } from '../../schemas/namespace.js';
import { productSchemaText } from '../../schemas/products.js';
import { NAMESPACES } from '../settings.js';
import type { MockState } from '../state.js';
import { sendNotFound } from './not-found.js';

/**
 * `GET /api/reporting.xsd`: the schema of the reporting output, served without authentication.
 * Its target namespace is the active profile's and its roots the product's (a PRA appliance
 * serves the PRA schema), so every document the mock serves validates against the schema it
 * serves.
 */
export function registerSchema(app: FastifyInstance, state: MockState): void {
  const xsd = productSchemaText(state.product);
  const byNamespace = new Map<string, string>();
  app.get('/api/reporting.xsd', async (_request, reply) => {
    if (!state.settings.xmlApiEnabled) return sendNotFound(reply);
    // Settings may change at runtime; the rewritten text is cached per namespace.
    const namespace = NAMESPACES[state.settings.namespace];
    let text = byNamespace.get(namespace);
    if (text === undefined) {
      text = schemaForNamespace(xsd, namespace);
      byNamespace.set(namespace, text);
    }
    return reply.type('text/xml; charset=UTF-8').send(text);
  });
}
