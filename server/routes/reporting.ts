import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApplianceError } from '../errors.js';
import { sendRawFixture } from '../fixtures/raw.js';
import { REPORTS } from '../reports/index.js';
import type { ReportContext, ReportOutput } from '../reports/context.js';
import { requestParams } from '../request-params.js';
import type { MockState } from '../state.js';
import { ListWriter, wholeDocument, xmlStyle } from '../xml/document.js';
import { authenticate } from './bearer.js';
import { sendApplianceError, XML_TYPE } from './reply.js';
import { sendNotFound } from './not-found.js';

/** Items are sent in chunks of about this many bytes, not one write per session. */
const CHUNK_BYTES = 64 * 1024;

function* chunked(first: string, rest: Iterator<string>, last: string): Generator<string> {
  let buffer = first;
  for (let r = rest.next(); !r.done; r = rest.next()) {
    buffer += r.value;
    if (buffer.length >= CHUNK_BYTES) {
      yield buffer;
      buffer = '';
    }
  }
  yield buffer + last;
}

function sendOutput(state: MockState, reply: FastifyReply, output: ReportOutput): FastifyReply {
  const style = xmlStyle(state.settings);
  if (output.kind === 'binary') {
    return reply
      .type(output.contentType)
      .header('Content-Disposition', `attachment; filename="${output.filename}"`)
      .send(output.body);
  }
  if (output.kind === 'document') {
    return reply.type(XML_TYPE).send(wholeDocument(style, output.root, output.children));
  }

  const writer = new ListWriter(style, output.root, { xsi: output.xsi ?? false });
  const items = output.items[Symbol.iterator]();
  // The first item decides between a list and the report's no-data answer (spec §7.3).
  const first = items.next();
  if (first.done) {
    if (state.settings.emptyResult === 'empty_list')
      return reply.type(XML_TYPE).send(writer.empty());
    throw new ApplianceError(output.noData);
  }
  const rendered: Iterator<string> = {
    next: () => {
      const r = items.next();
      return r.done
        ? { done: true, value: undefined }
        : { done: false, value: writer.item(r.value) };
    },
  };
  const stream = Readable.from(
    chunked(writer.open() + writer.item(first.value), rendered, writer.close()),
    {
      objectMode: false,
    },
  );
  return reply.type(XML_TYPE).send(stream);
}

function siteOrigin(state: MockState, request: FastifyRequest): string {
  return state.settings.siteOrigin ?? `${request.protocol}://${request.host}`;
}

export function registerReporting(app: FastifyInstance, state: MockState): void {
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!state.settings.xmlApiEnabled) return sendNotFound(reply);
    const account = authenticate(state, request, reply);
    if (!account) return reply;

    const params = requestParams(request);
    const captured = state.rawFixtures?.match(params);
    if (captured) return sendRawFixture(reply, captured);
    try {
      const report = REPORTS.get(params.get('generate_report') ?? '');
      if (!report) throw new ApplianceError('INVALID_REPORT_TYPE');
      if (!account.permissions[report.permission]) throw new ApplianceError('PERMISSION_DENIED');
      const ctx: ReportContext = {
        params,
        world: state.world,
        now: state.clock.now(),
        settings: state.settings,
        style: xmlStyle(state.settings),
        siteOrigin: siteOrigin(state, request),
        account,
      };
      request.log.info(
        { report: report.name, params: Object.fromEntries(params) },
        'report requested',
      );
      return sendOutput(state, reply, report.run(ctx));
    } catch (err) {
      if (err instanceof ApplianceError) return sendApplianceError(state, reply, err);
      throw err;
    }
  };

  app.route({ method: ['GET', 'POST'], url: '/api/reporting', handler });
  app.route({
    method: ['PUT', 'DELETE', 'PATCH', 'OPTIONS'],
    url: '/api/reporting',
    handler: async (_request, reply) => {
      if (!state.settings.xmlApiEnabled) return sendNotFound(reply);
      return reply
        .code(405)
        .header('Allow', 'GET, POST')
        .type('text/plain; charset=UTF-8')
        .send('Method Not Allowed\n');
    },
  });
}
