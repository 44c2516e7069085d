import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sessionDetail } from '../../generators/detail.js';
import { presentationDetail } from '../../generators/presentation-detail.js';
import { presentationByLsid } from '../../generators/presentations.js';
import { endAt, sessionByLsid } from '../../generators/sessions.js';
import { chatTranscript } from '../../generators/transcript.js';
import { downloadHash } from '../../generators/urls.js';
import { decodeLsid } from '../../generators/world.js';
import { ApplianceError } from '../errors.js';
import { recordingFile, type RecordingKind } from '../reports/recordings.js';
import { requestParams } from '../request-params.js';
import type { MockState } from '../state.js';
import { sendNotFound } from './not-found.js';
import { siteOrigin } from './reply.js';

/** What a download URL names: `lsid=l=<lsid>;h=<hash>;t=sd;m=<kind>`, `dl_action`, `instance`. */
interface DownloadRef {
  lsid: string;
  hash: string;
  kind: string;
  instance?: number;
}

function parseRef(params: Map<string, string>): DownloadRef | null {
  const fields = new Map(
    (params.get('lsid') ?? '').split(';').map((part): [string, string] => {
      const eq = part.indexOf('=');
      return eq < 0 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)];
    }),
  );
  const lsid = fields.get('l');
  const hash = fields.get('h');
  const kind = fields.get('m');
  if (!lsid || !hash || !kind || fields.get('t') !== 'sd' || params.get('dl_action') !== kind) {
    return null;
  }
  const instanceText = params.get('instance');
  if (instanceText === undefined) return { lsid, hash, kind };
  if (!/^[0-9]+$/.test(instanceText)) return null;
  return { lsid, hash, kind, instance: Number(instanceText) };
}

function chatBody(state: MockState, ref: DownloadRef, origin: string): string | null {
  const ctx = {
    now: state.clock.now(),
    settleSeconds: state.settings.settleSeconds,
    siteOrigin: origin,
  };
  const session = sessionByLsid(state.world, ref.lsid);
  const presentation = session ? null : presentationByLsid(state.world, ref.lsid);
  const item = session ?? presentation;
  if (!item || item.start > ctx.now || endAt(item, ctx.now, ctx.settleSeconds) === null)
    return null;
  const detail = session
    ? sessionDetail(state.world, session, ctx)
    : presentationDetail(state.world, presentation!, ctx);
  return chatTranscript(detail, state.settings.siteTz);
}

function recordingKind(state: MockState, ref: DownloadRef): RecordingKind | null {
  const isPresentation = decodeLsid(state.world, ref.lsid)?.kind === 'presentation';
  if (ref.kind === 'srec') return isPresentation ? 'prec' : 'srec';
  if (ref.kind === 'smsrec' || ref.kind === 'shell') return isPresentation ? null : ref.kind;
  return null;
}

/**
 * `/session_download`: the files behind the chat and recording URLs of the session and
 * presentation reports. The URL's hash is its credential; a URL the mock did not hand out, or
 * whose file does not exist (yet or any more), gets the appliance's 404 page.
 */
export function registerSessionDownload(app: FastifyInstance, state: MockState): void {
  app.get('/session_download', async (request: FastifyRequest, reply: FastifyReply) => {
    const params = requestParams(request);
    const ref = parseRef(params);
    const origin = siteOrigin(state, request);
    if (!ref) return sendNotFound(reply);
    if (ref.hash !== downloadHash(origin, ref.lsid, ref.kind, ref.instance))
      return sendNotFound(reply);

    const view = params.get('view') === '1';
    const disposition = (name: string) => `${view ? 'inline' : 'attachment'}; filename="${name}"`;
    if (ref.kind === 'chat') {
      if (ref.instance !== undefined) return sendNotFound(reply);
      const body = chatBody(state, ref, origin);
      if (body === null) return sendNotFound(reply);
      return reply
        .type('text/plain; charset=UTF-8')
        .header('Content-Disposition', disposition(`${ref.lsid}_chat.txt`))
        .send(body);
    }

    const kind = recordingKind(state, ref);
    if (!kind || (kind === 'shell') !== (ref.instance !== undefined)) return sendNotFound(reply);
    try {
      const clock = { now: state.clock.now(), settleSeconds: state.settings.settleSeconds };
      const request =
        kind === 'shell'
          ? { lsid: ref.lsid, kind, instance: ref.instance! }
          : { lsid: ref.lsid, kind };
      const file = recordingFile(state.world, request, clock);
      return reply
        .type('video/x-flv')
        .header('Content-Disposition', disposition(file.filename))
        .send(file.body);
    } catch (err) {
      if (err instanceof ApplianceError) return sendNotFound(reply);
      throw err;
    }
  });
}
