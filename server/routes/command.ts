import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApplianceError } from '../errors.js';
import { requestParams } from '../request-params.js';
import type { MockState } from '../state.js';
import { wholeDocument, xmlStyle } from '../xml/document.js';
import { authenticate } from './bearer.js';
import { sendNotFound } from './not-found.js';
import { sendApplianceError, XML_TYPE } from './reply.js';

export const API_VERSION = '1.25.0';

const COMMAND_NAMESPACES = {
  sra: 'http://www.beyondtrust.com/sra/namespaces/API/command',
  bomgar: 'http://www.bomgar.com/namespaces/API/command',
  docs: 'https://www.beyondtrust.com/namespaces/API/command',
  none: '',
} as const;

/**
 * `/api/command?action=get_api_info` (spec Appendix B): API version, the appliance clock and
 * the account's permissions. Other actions answer `Invalid action`.
 */
export function registerCommand(app: FastifyInstance, state: MockState): void {
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!state.settings.xmlApiEnabled) return sendNotFound(reply);
    const account = authenticate(state, request, reply);
    if (!account) return reply;
    const style = {
      ...xmlStyle(state.settings),
      namespace: COMMAND_NAMESPACES[state.settings.namespace],
    };
    if (requestParams(request).get('action') !== 'get_api_info') {
      return sendApplianceError(state, reply, new ApplianceError('INVALID_ACTION'));
    }
    const p = account.permissions;
    const permissions: [string, string][] = [
      ['perm_command', 'deny'],
      ['perm_reporting_support', p.support ? '1' : '0'],
      ['perm_reporting_presentation', p.presentation ? '1' : '0'],
      ['perm_reporting_license', p.license ? '1' : '0'],
      ['perm_reporting_archive', p.archive ? '1' : '0'],
      ['perm_real_time_state', '0'],
      ['perm_backup', '0'],
    ];
    const body = wholeDocument(style, 'api_information', [
      (r) => r.ele('api_version').txt(API_VERSION),
      (r) => r.ele('company_name').txt('Example Corp'),
      (r) => r.ele('timestamp').txt(String(state.clock.now())),
      (r) => {
        const list = r.ele('permissions');
        for (const [name, value] of permissions) list.ele('permission', { name }).txt(value);
      },
    ]);
    return reply.type(XML_TYPE).send(body);
  };
  app.route({ method: ['GET', 'POST'], url: '/api/command', handler });
}
