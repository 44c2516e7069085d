import type { SessionEvent } from './detail-types.js';
import { isoTime } from './time.js';

/** What a transcript needs of a session or a presentation. */
export interface TranscriptSource {
  lsid: string;
  start: number;
  end: number | null;
  events: SessionEvent[];
}

// Control characters other than tab and line feed have no place in a text file.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

function chatText(e: SessionEvent): string {
  const raw =
    e.body ?? (e.encodedBody ? Buffer.from(e.encodedBody, 'base64').toString('utf8') : '');
  return raw.replace(/\r\n?/g, '\n').replace(CONTROL, '');
}

/**
 * The chat transcript behind a session's chat download URL: a heading, then one line per chat
 * message and per participant joining or leaving, in the session's event order. Lines of a
 * multi-line message are indented under it.
 */
export function chatTranscript(source: TranscriptSource, timeZone: string): string {
  const lines = [
    `Chat transcript of session ${source.lsid}`,
    `Started: ${isoTime(source.start, timeZone)}`,
    `Ended: ${source.end === null ? '' : isoTime(source.end, timeZone)}`,
    '',
  ];
  for (const e of source.events) {
    const who = e.performedBy ? `${e.performedBy.name} (${e.performedBy.type})` : 'System';
    const at = `[${isoTime(e.timestamp, timeZone)}]`;
    if (e.eventType === 'Chat Message') {
      const [first = '', ...rest] = chatText(e).split('\n');
      lines.push(`${at} ${who}: ${first}`, ...rest.map((l) => `    ${l}`));
    } else if (e.eventType === 'Conference Member Added') {
      lines.push(`${at} *** ${who} joined`);
    } else if (e.eventType === 'Conference Member Departed') {
      lines.push(`${at} *** ${who} left`);
    }
  }
  return `${lines.join('\n')}\n`;
}
