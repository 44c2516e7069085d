import { Readable } from 'node:stream';
import { Zip, ZipDeflate, strToU8 } from 'fflate';
import { Pacer } from '../pacer.js';

/** One member of a streamed ZIP: its lines are produced only when the client reads that far. */
export interface ZipMember {
  name: string;
  /** Modification time, UNIX seconds. */
  mtime: number;
  lines: Iterable<string>;
}

/** Lines are compressed in batches of about this many bytes, not one deflate call per line. */
const BATCH_BYTES = 64 * 1024;

async function* zipChunks(members: Iterable<ZipMember>): AsyncGenerator<Uint8Array> {
  const pacer = new Pacer();
  const ready: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    ready.push(chunk);
  });
  const drain = function* () {
    while (ready.length > 0) yield ready.shift()!;
  };
  for (const member of members) {
    const file = new ZipDeflate(member.name, { level: 6 });
    file.mtime = member.mtime * 1000;
    zip.add(file);
    let batch = '';
    for (const line of member.lines) {
      batch += `${line}\n`;
      if (batch.length < BATCH_BYTES) continue;
      file.push(strToU8(batch));
      batch = '';
      yield* drain();
    }
    file.push(strToU8(batch), true);
    yield* drain();
    // One member is one day: other requests get their turn between days of a long window.
    await pacer.atDayEnd();
  }
  zip.end();
  yield* drain();
}

/**
 * A ZIP archive written while it is sent: members one after another, each compressed as its
 * lines are generated, so a long window never sits in memory whole.
 */
export function zipStream(members: Iterable<ZipMember>): Readable {
  return Readable.from(zipChunks(members), { objectMode: false });
}
