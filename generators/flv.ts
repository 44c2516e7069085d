import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';

/**
 * Small, valid Flash Video files for the recording reports: Bomgar appliances served session
 * recordings as FLV (spec §14). Built from the format's own rules (Adobe Flash Video File Format
 * Specification v10.1, annex E, and the SWF specification's Screen Video codec):
 *
 *   header       "FLV", version 1, flags 0x01 (video only), header size 9
 *   tag size 0   UI32 0
 *   tags         UI8 type (18 script, 9 video), UI24 data size, UI24 + UI8 timestamp (ms),
 *                UI24 stream id 0, data, then UI32 previous tag size (11 + data size)
 *
 * The first tag is `onMetaData` (AMF0): width, height, frame rate, codec id 3 (Screen Video),
 * duration, and the recording's identity (lsid, kind, shell instance), so a downloaded file can
 * be traced back to its session. Then one key frame per second: Screen Video blocks of BGR
 * pixels, bottom-up, each zlib-compressed, in a pattern derived from the identity.
 */
export interface RecordingIdentity {
  lsid: string;
  /** `srec` (screen sharing or presentation), `smsrec` (Show My Screen), `shell`. */
  kind: string;
  instance?: number;
}

const WIDTH = 64;
const HEIGHT = 32;
const BLOCK = 32;
const FRAMES = 3;
const SCREEN_VIDEO = 3;
const TAG_SCRIPT = 18;
const TAG_VIDEO = 9;

function amfString(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  const head = Buffer.alloc(2);
  head.writeUInt16BE(bytes.length);
  return Buffer.concat([head, bytes]);
}

function amfValue(value: string | number): Buffer {
  if (typeof value === 'string') return Buffer.concat([Buffer.from([0x02]), amfString(value)]);
  const out = Buffer.alloc(9);
  out[0] = 0x00;
  out.writeDoubleBE(value, 1);
  return out;
}

/** `onMetaData` followed by an ECMA array of the properties, as players expect it. */
function metadata(properties: [string, string | number][]): Buffer {
  const count = Buffer.alloc(5);
  count[0] = 0x08;
  count.writeUInt32BE(properties.length, 1);
  const entries = properties.map(([k, v]) => Buffer.concat([amfString(k), amfValue(v)]));
  const end = Buffer.from([0x00, 0x00, 0x09]);
  return Buffer.concat([amfValue('onMetaData'), count, ...entries, end]);
}

function tag(type: number, timestampMs: number, data: Buffer): Buffer {
  const head = Buffer.alloc(11);
  head[0] = type;
  head.writeUIntBE(data.length, 1, 3);
  head.writeUIntBE(timestampMs & 0xffffff, 4, 3);
  head[7] = (timestampMs >>> 24) & 0xff;
  head.writeUIntBE(0, 8, 3);
  const previous = Buffer.alloc(4);
  previous.writeUInt32BE(11 + data.length);
  return Buffer.concat([head, data, previous]);
}

/** One Screen Video key frame: every block present, each a zlib stream of BGR rows, bottom-up. */
function screenVideoFrame(colours: Buffer[]): Buffer {
  const head = Buffer.alloc(5);
  head[0] = (1 << 4) | SCREEN_VIDEO; // frame type 1: key frame
  head.writeUInt16BE(((BLOCK / 16 - 1) << 12) | WIDTH, 1);
  head.writeUInt16BE(((BLOCK / 16 - 1) << 12) | HEIGHT, 3);
  const blocks: Buffer[] = [];
  for (let by = 0; by < HEIGHT / BLOCK; by++) {
    for (let bx = 0; bx < WIDTH / BLOCK; bx++) {
      const colour = colours[(by * (WIDTH / BLOCK) + bx) % colours.length]!;
      const pixels = Buffer.alloc(BLOCK * BLOCK * 3);
      for (let p = 0; p < BLOCK * BLOCK; p++) colour.copy(pixels, p * 3);
      const packed = deflateSync(pixels, { level: 9 });
      const size = Buffer.alloc(2);
      size.writeUInt16BE(packed.length);
      blocks.push(size, packed);
    }
  }
  return Buffer.concat([head, ...blocks]);
}

/** The recording file of a session, a presentation or a shell: deterministic per identity. */
export function flvRecording(id: RecordingIdentity): Buffer {
  const digest = createHash('sha256')
    .update(`${id.lsid}\u0000${id.kind}\u0000${id.instance ?? ''}`)
    .digest();
  const properties: [string, string | number][] = [
    ['duration', FRAMES],
    ['width', WIDTH],
    ['height', HEIGHT],
    ['framerate', 1],
    ['videocodecid', SCREEN_VIDEO],
    ['lsid', id.lsid],
    ['recording', id.kind],
  ];
  if (id.instance !== undefined) properties.push(['instance', id.instance]);

  const header = Buffer.from([0x46, 0x4c, 0x56, 0x01, 0x01, 0x00, 0x00, 0x00, 0x09]);
  const parts = [header, Buffer.alloc(4), tag(TAG_SCRIPT, 0, metadata(properties))];
  for (let frame = 0; frame < FRAMES; frame++) {
    // BGR colours from the digest, shifted per frame so the frames differ.
    const colours = [0, 1].map((b) => digest.subarray(frame * 6 + b * 3, frame * 6 + b * 3 + 3));
    parts.push(tag(TAG_VIDEO, frame * 1000, screenVideoFrame(colours)));
  }
  return Buffer.concat(parts);
}
