import type { FastifyInstance } from 'fastify';
import { parseBearer } from '../auth/basic.js';
import { pathOf } from '../journal/hooks.js';
import { requestParams } from '../request-params.js';
import type { MockState } from '../state.js';
import { applyBodyFault, applyRequestFault, sendRateLimited } from './respond.js';

/**
 * Hooks the rate limiter and the fault rules into every traced request: before the handler the
 * per-account limit (spec §8) and the request faults, when the body is sent the body faults.
 */
export function registerFaults(app: FastifyInstance, state: MockState): void {
  app.addHook('preHandler', async (request, reply) => {
    const trace = request.trace;
    if (!trace) return;
    const path = pathOf(request);

    // The token endpoint is not limited; API calls count against the token's account.
    if (trace.account && path.startsWith('/api/')) {
      const decision = state.limiter.take(trace.account);
      if (!decision.ok) {
        trace.fault = 'rate_limit';
        request.log.info({ retryAfter: decision.retryAfter }, 'rate limit exceeded');
        return sendRateLimited(state, reply, decision.retryAfter);
      }
    }

    const chosen = state.faults.choose({
      method: request.method,
      path,
      report: requestParams(request).get('generate_report') ?? null,
      hasBearer: parseBearer(request.headers.authorization).scheme === 'bearer',
    });
    if (!chosen) return;
    trace.fault = chosen.action.kind;
    trace.rule = chosen.rule;
    trace.bodyFault = chosen;
    return applyRequestFault(state, request, reply, chosen);
  });

  app.addHook('onSend', async (request, _reply, payload) => {
    const fault = request.trace?.bodyFault;
    if (!fault || !['truncate', 'invalid_chars', 'doctype_entity'].includes(fault.action.kind))
      return payload;
    request.log.info({ kind: fault.action.kind, rule: fault.rule }, 'fault: body');
    return applyBodyFault(fault, payload);
  });
}
