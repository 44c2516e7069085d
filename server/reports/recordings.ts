import { flvRecording } from '../../generators/flv.js';
import { presentationByLsid } from '../../generators/presentations.js';
import { endAt, recordingExpired, sessionByLsid } from '../../generators/sessions.js';
import type { World } from '../../generators/world.js';
import { ApplianceError } from '../errors.js';
import type { ReportDefinition } from './context.js';
import { LSID, requireParam, uintParam } from './params.js';

/** The recordings the appliance keeps: screen sharing, Show My Screen, shells, presentations. */
export type RecordingKind = 'srec' | 'smsrec' | 'shell' | 'prec';

export interface RecordingRequest {
  lsid: string;
  kind: RecordingKind;
  instance?: number;
}

export interface RecordingFile {
  body: Buffer;
  filename: string;
}

const FLV_TYPE = 'video/x-flv';

/**
 * Finds a recording as the appliance would at `now` (spec §14–16, §19), or fails with its
 * error: unknown lsid, no such recording (none made, or the session has not ended), a shell
 * instance the session never had, or a recording past retention.
 */
export function recordingFile(
  world: World,
  request: RecordingRequest,
  clock: { now: number; settleSeconds: number },
): RecordingFile {
  const { lsid, kind } = request;
  if (!LSID.test(lsid)) throw new ApplianceError('INVALID_LSID');
  const item = kind === 'prec' ? presentationByLsid(world, lsid) : sessionByLsid(world, lsid);
  if (!item || item.start > clock.now) throw new ApplianceError('INVALID_LSID');
  if (endAt(item, clock.now, clock.settleSeconds) === null) throw new ApplianceError('NO_RECORDING');

  let filename = `${lsid}.flv`;
  if ('recording' in item) {
    if (!item.recording) throw new ApplianceError('NO_RECORDING');
  } else if (kind === 'srec') {
    if (!item.screenRecording) throw new ApplianceError('NO_RECORDING');
  } else if (kind === 'smsrec') {
    if (!item.showMyScreenRecording) throw new ApplianceError('NO_RECORDING');
    filename = `${lsid}_sms.flv`;
  } else {
    if (item.shellCount === 0) throw new ApplianceError('NO_RECORDING');
    const instance = request.instance ?? 0;
    if (instance >= item.shellCount) throw new ApplianceError('INVALID_VALUE', { name: 'instance' });
    filename = `${lsid}_shell_${instance}.flv`;
  }
  if (recordingExpired(item, clock.now)) throw new ApplianceError('RECORDING_EXPIRED');

  // Presentation recordings are screen recordings too: the file says `srec`, as their URLs do.
  const fileKind = kind === 'prec' ? 'srec' : kind;
  const instance = kind === 'shell' ? (request.instance ?? 0) : undefined;
  const id = instance === undefined ? { lsid, kind: fileKind } : { lsid, kind: fileKind, instance };
  return { body: flvRecording(id), filename };
}

/** A recording report: `lsid` (and `instance` for shells) in, an FLV file out. */
export function recordingReport(
  name: string,
  kind: RecordingKind,
  permission: 'support' | 'presentation',
): ReportDefinition {
  return {
    name,
    permission,
    run(ctx) {
      const lsid = requireParam(ctx.params, 'lsid');
      const request: RecordingRequest = { lsid, kind };
      if (kind === 'shell') request.instance = uintParam(ctx.params, 'instance') ?? 0;
      const clock = { now: ctx.now, settleSeconds: ctx.settings.settleSeconds };
      const file = recordingFile(ctx.world, request, clock);
      return { kind: 'binary', contentType: FLV_TYPE, filename: file.filename, body: file.body };
    },
  };
}
