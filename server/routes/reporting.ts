import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApplianceError } from '../errors.js';
import { redactParams } from '../logger.js';
import { sendRawFixture } from '../fixtures/raw.js';
import { reportsFor } from '../reports/index.js';
import type { ReportContext, ReportOutput } from '../reports/context.js';
import { requestParams } from '../request-params.js';
import type { MockState } from '../state.js';
import { ListWriter, xmlStyle } from '../xml/document.js';
import { chunked, renderEntries } from './report-stream.js';
import { reportingPrincipal } from './principal.js';
import { sendApplianceError, siteOrigin, XML_TYPE } from './reply.js';
import { sendNotFound } from './not-found.js';

/** Sends a report's output; a list's first item decides between the list and no-data. */
async function sendOutput(
  state: MockState,
  reply: FastifyReply,
  output: ReportOutput,
): Promise<FastifyReply> {
  const style = xmlStyle(state.settings);
  if (output.kind === 'binary') {
    return reply
      .type(output.contentType)
      .header('Content-Disposition', `attachment; filename="${output.filename}"`)
      .send(output.body);
  }

  const isList = output.kind === 'list';
  const writer = new ListWriter(style, output.root, {
    xsi: isList ? (output.xsi ?? false) : false,
  });
  const head = isList ? (output.head ?? []).map((h) => writer.item(h)).join('') : '';
  const rendered = renderEntries(isList ? output.items : output.children, style.layout);
  // The first item decides between a list and the report's no-data answer (spec §7.3); the
  // search for it runs day by day, as the rest of the list does.
  const first = await rendered.next();
  if (first.done) {
    if (isList && state.settings.emptyResult !== 'empty_list') {
      throw new ApplianceError(output.noData);
    }
    const body = head ? writer.open() + head + writer.close() : writer.empty();
    return reply.type(XML_TYPE).send(body);
  }
  const opening = writer.open() + head + first.value;
  const stream = Readable.from(chunked(opening, rendered, writer.close()), {
    objectMode: false,
  });
  return reply.type(XML_TYPE).send(stream);
}

function reportingHandler(state: MockState, legacyEndpoint: boolean) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (!state.settings.xmlApiEnabled) return sendNotFound(reply);
    // The legacy endpoint exists only on appliances that kept user authentication (spec §9).
    if (legacyEndpoint && state.settings.profile !== 'legacy') return sendNotFound(reply);

    const params = requestParams(request);
    const principal = reportingPrincipal(state, request, reply, params, legacyEndpoint);
    if (!principal) return reply;
    // Captured answers (btmock capture) win over the generated world where a request matches.
    const captured = state.rawFixtures?.match(params);
    if (captured) return sendRawFixture(reply, captured);
    try {
      const name = params.get('generate_report') ?? '';
      // Each product knows only its own names: the other's get `Invalid report type.`.
      const report = state.unservedReports.has(name)
        ? undefined
        : reportsFor(state.product).get(name);
      if (!report) throw new ApplianceError('INVALID_REPORT_TYPE');
      // The appliance-wide switch comes before the account's own permission.
      if (report.needsArchiveApi && !state.settings.archiveApiEnabled) {
        throw new ApplianceError('ARCHIVE_API_DISABLED');
      }
      if (!principal.permissions[report.permission]) throw new ApplianceError('PERMISSION_DENIED');
      const ctx: ReportContext = {
        params,
        world: state.world,
        now: state.clock.now(),
        settings: state.settings,
        style: xmlStyle(state.settings),
        siteOrigin: siteOrigin(state, request),
        account: principal.account,
      };
      request.log.info({ report: report.name, params: redactParams(params) }, 'report requested');
      // Awaited here so that a no-data answer found while streaming is caught below.
      return await sendOutput(state, reply, report.run(ctx));
    } catch (err) {
      if (err instanceof ApplianceError) return sendApplianceError(state, reply, err);
      throw err;
    }
  };
}

/** `/api/reporting`, and `/api/reporting.ns` which answers only under `profile=legacy`. */
export function registerReporting(app: FastifyInstance, state: MockState): void {
  for (const [url, legacyEndpoint] of [
    ['/api/reporting', false],
    ['/api/reporting.ns', true],
  ] as const) {
    app.route({ method: ['GET', 'POST'], url, handler: reportingHandler(state, legacyEndpoint) });
    app.route({
      method: ['HEAD', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE'],
      url,
      handler: async (_request, reply) => {
        if (!state.settings.xmlApiEnabled) return sendNotFound(reply);
        if (legacyEndpoint && state.settings.profile !== 'legacy') return sendNotFound(reply);
        return reply
          .code(405)
          .header('Allow', 'GET, POST')
          .type('text/plain; charset=UTF-8')
          .send('Method Not Allowed\n');
      },
    });
  }
}
