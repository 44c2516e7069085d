import { inflateSync } from 'node:zlib';

/** What a test needs to know of an FLV file, read with the format's rules (not the writer's). */
export interface FlvFile {
  version: number;
  hasVideo: boolean;
  hasAudio: boolean;
  metadata: Record<string, string | number>;
  frames: {
    timestamp: number;
    keyFrame: boolean;
    codec: number;
    width: number;
    height: number;
    pixels: number;
  }[];
}

function readAmfString(buf: Buffer, at: number): [string, number] {
  const len = buf.readUInt16BE(at);
  return [buf.toString('utf8', at + 2, at + 2 + len), at + 2 + len];
}

function readAmfValue(buf: Buffer, at: number): [string | number, number] {
  const marker = buf[at]!;
  if (marker === 0x00) return [buf.readDoubleBE(at + 1), at + 9];
  if (marker === 0x02) return readAmfString(buf, at + 1);
  throw new Error(`AMF0 marker ${marker} not expected`);
}

function readMetadata(data: Buffer): Record<string, string | number> {
  const [name, afterName] = readAmfValue(data, 0);
  if (name !== 'onMetaData' || data[afterName] !== 0x08) throw new Error('no onMetaData array');
  const count = data.readUInt32BE(afterName + 1);
  const out: Record<string, string | number> = {};
  let at = afterName + 5;
  for (let i = 0; i < count; i++) {
    const [key, afterKey] = readAmfString(data, at);
    const [value, next] = readAmfValue(data, afterKey);
    out[key] = value;
    at = next;
  }
  if (data.subarray(at).toString('hex') !== '000009') throw new Error('no object end marker');
  return out;
}

/** Screen Video (codec 3): block and image sizes, then zlib blocks; returns the pixel count. */
function readScreenVideo(data: Buffer): { width: number; height: number; pixels: number } {
  const w = data.readUInt16BE(1);
  const h = data.readUInt16BE(3);
  const blockWidth = ((w >> 12) + 1) * 16;
  const blockHeight = ((h >> 12) + 1) * 16;
  const width = w & 0xfff;
  const height = h & 0xfff;
  let at = 5;
  let pixels = 0;
  for (let y = 0; y < Math.ceil(height / blockHeight); y++) {
    for (let x = 0; x < Math.ceil(width / blockWidth); x++) {
      const size = data.readUInt16BE(at);
      const block = inflateSync(data.subarray(at + 2, at + 2 + size));
      const bw = Math.min(blockWidth, width - x * blockWidth);
      const bh = Math.min(blockHeight, height - y * blockHeight);
      if (block.length !== bw * bh * 3) throw new Error('block size does not match its pixels');
      pixels += bw * bh;
      at += 2 + size;
    }
  }
  if (at !== data.length) throw new Error('bytes left after the last block');
  return { width, height, pixels };
}

/** Parses an FLV file, failing on any structural error (sizes, back-pointers, trailing bytes). */
export function readFlv(buf: Buffer): FlvFile {
  if (buf.toString('latin1', 0, 3) !== 'FLV') throw new Error('no FLV signature');
  const offset = buf.readUInt32BE(5);
  if (buf.readUInt32BE(offset) !== 0) throw new Error('PreviousTagSize0 is not 0');
  const file: FlvFile = {
    version: buf[3]!,
    hasVideo: (buf[4]! & 1) === 1,
    hasAudio: (buf[4]! & 4) === 4,
    metadata: {},
    frames: [],
  };
  let at = offset + 4;
  while (at < buf.length) {
    const type = buf[at]!;
    const size = buf.readUIntBE(at + 1, 3);
    const timestamp = buf.readUIntBE(at + 4, 3) | (buf[at + 7]! << 24);
    const data = buf.subarray(at + 11, at + 11 + size);
    if (buf.readUInt32BE(at + 11 + size) !== 11 + size) throw new Error('PreviousTagSize mismatch');
    if (type === 18) file.metadata = readMetadata(data);
    else if (type === 9) {
      const codec = data[0]! & 0x0f;
      const video = codec === 3 ? readScreenVideo(data) : { width: 0, height: 0, pixels: 0 };
      file.frames.push({ timestamp, keyFrame: data[0]! >> 4 === 1, codec, ...video });
    } else throw new Error(`tag type ${type} not expected`);
    at += 11 + size + 4;
  }
  if (at !== buf.length) throw new Error('truncated tag');
  return file;
}
