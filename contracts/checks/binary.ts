import type { IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { mediaType } from '../http-client.js';
import type { ReportType } from '../report-types.js';
import { finding, type Finding } from '../types.js';

/** What a binary answer held, once opened. */
export interface BinaryContent {
  /** One line a person can read, e.g. `FLV, 12 tags` or `jump_items.csv, 40 rows`. */
  summary: string;
}

/** The report's content type and an attachment disposition (spec §§14–16, 24, 26; [assumed]). */
export function checkBinaryHeaders(headers: IncomingHttpHeaders, type: ReportType): Finding[] {
  const findings: Finding[] = [];
  const { type: media, raw } = mediaType(headers);
  if (type.contentType && media !== type.contentType) {
    findings.push(
      finding(
        'CONTENT_TYPE',
        'assumed',
        `§10 ${type.name} is served as ${type.contentType}`,
        `Content-Type: ${raw || 'none'}`,
      ),
    );
  }
  if (!/^attachment;\s*filename=/i.test(String(headers['content-disposition'] ?? ''))) {
    findings.push(
      finding(
        'BINARY',
        'assumed',
        `§10 ${type.name} is sent as an attachment with a file name`,
        `Content-Disposition: ${headers['content-disposition'] ?? 'none'}`,
      ),
    );
  }
  return findings;
}

/**
 * An FLV file (spec §14): the signature `FLV` 1, a 9-byte header, a zero first back-pointer, then
 * tags whose back-pointers match their sizes up to the end of the body.
 */
export function openFlv(body: Buffer): { content?: BinaryContent; findings: Finding[] } {
  const rule = '§14 a recording is an FLV file: signature FLV 0x01, 9-byte header, consistent tags';
  const fail = (message: string) => ({
    findings: [finding('BINARY', 'real', rule, message, { excerpt: hexExcerpt(body) })],
  });
  if (body.length < 13) return fail(`${body.length} bytes: shorter than an FLV header`);
  if (body.toString('latin1', 0, 3) !== 'FLV' || body[3] !== 1)
    return fail('no FLV signature (46 4C 56 01)');
  if (body.readUInt32BE(5) !== 9) return fail(`header length ${body.readUInt32BE(5)}, not 9`);
  if (body.readUInt32BE(9) !== 0) return fail('first back-pointer is not 0');
  let at = 13;
  let tags = 0;
  while (at < body.length) {
    if (at + 11 > body.length) return fail(`tag ${tags + 1} is cut off at byte ${at}`);
    const size = body.readUIntBE(at + 1, 3);
    const end = at + 11 + size;
    if (end + 4 > body.length)
      return fail(`tag ${tags + 1} of ${size} bytes runs past the end of the body`);
    if (body.readUInt32BE(end) !== 11 + size)
      return fail(`back-pointer after tag ${tags + 1} does not match its size`);
    at = end + 4;
    tags++;
  }
  return { content: { summary: `FLV, ${tags} tags` }, findings: [] };
}

/**
 * A gzip-compressed archive (spec §24): magic `1f 8b`, inflated within the size limit; a state
 * archive is one JSON object of tables, an event archive JSON Lines with timestamp and event_type.
 */
export function openArchive(
  body: Buffer,
  kind: string | undefined,
  maxBytes: number,
): { content?: BinaryContent; findings: Finding[] } {
  const rule = '§24 an archive is gzip-compressed JSON';
  if (body[0] !== 0x1f || body[1] !== 0x8b)
    return {
      findings: [
        finding('BINARY', 'real', rule, 'no gzip magic bytes (1f 8b)', {
          excerpt: hexExcerpt(body),
        }),
      ],
    };
  let text: string;
  try {
    // The limit applies to the inflated size too: a gzip bomb stops at maxBytes.
    text = gunzipSync(body, { maxOutputLength: maxBytes }).toString('utf8');
  } catch (err) {
    return {
      findings: [
        finding(
          'BINARY',
          'real',
          rule,
          `cannot be inflated within ${maxBytes} bytes: ${(err as Error).message}`,
        ),
      ],
    };
  }
  if (kind === 'state') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      return {
        findings: [
          finding(
            'BINARY',
            'doc',
            '§24 a state archive is one JSON object',
            `not JSON: ${(err as Error).message}`,
          ),
        ],
      };
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      return {
        findings: [
          finding('BINARY', 'doc', '§24 a state archive is one JSON object', 'not a JSON object'),
        ],
      };
    }
    const bad = Object.entries(parsed).find(
      ([, v]) => v !== null && (typeof v !== 'object' || Array.isArray(v)),
    );
    const findings = bad
      ? [
          finding(
            'BINARY',
            'doc',
            '§24 each table maps row ids to rows, or is null',
            `table "${bad[0]}" is neither`,
          ),
        ]
      : [];
    return {
      content: { summary: `state archive, ${Object.keys(parsed).length} tables` },
      findings,
    };
  }
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  for (const [i, line] of lines.entries()) {
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      return {
        findings: [
          finding(
            'BINARY',
            'doc',
            '§24 an event archive is JSON Lines',
            `line ${i + 1} is not JSON`,
            { excerpt: line.slice(0, 200) },
          ),
        ],
      };
    }
    const r = row as Record<string, unknown>;
    if (
      !r ||
      typeof r !== 'object' ||
      typeof r.timestamp !== 'number' ||
      typeof r.event_type !== 'string'
    ) {
      return {
        content: { summary: `event archive, ${lines.length} lines` },
        findings: [
          finding(
            'BINARY',
            'assumed',
            '§24 each event line has timestamp and event_type',
            `line ${i + 1} lacks them`,
            { excerpt: line.slice(0, 200) },
          ),
        ],
      };
    }
  }
  return { content: { summary: `event archive, ${lines.length} lines` }, findings: [] };
}

const CSV_MEMBER = 'jump_items.csv';
const CSV_HEADER = [
  'Name',
  'Hostname/IP',
  'Jumpoint',
  'Application',
  'Licensed',
  'Jump Method',
  'Jump Group',
];

/** Splits CSV lines whose every field is double-quoted (spec §26); null when a line is not. */
function quotedFields(line: string): string[] | null {
  const fields: string[] = [];
  const re = /"((?:[^"]|"")*)"(,|$)/y;
  let at = 0;
  while (at < line.length) {
    re.lastIndex = at;
    const m = re.exec(line);
    if (!m) return null;
    fields.push(m[1]!.replace(/""/g, '"'));
    at = re.lastIndex;
    if (m[2] === '') break;
  }
  return at === line.length ? fields : null;
}

/**
 * A ZIP archive (spec §26) holding `jump_items.csv`: UTF-8, every field quoted, one header row,
 * seven columns. Members are inflated only when their declared sizes fit the limit.
 */
export function openEndpointZip(
  body: Buffer,
  maxBytes: number,
): { content?: BinaryContent; findings: Finding[] } {
  const rule = '§26 EndpointLicenseUsage is a ZIP archive holding jump_items.csv';
  if (body.length < 4 || body.readUInt32LE(0) !== 0x04034b50)
    return {
      findings: [
        finding('BINARY', 'sister', rule, 'no ZIP signature (50 4B 03 04)', {
          excerpt: hexExcerpt(body),
        }),
      ],
    };
  const opened = unzipBounded(body, maxBytes, rule);
  if ('findings' in opened) return opened;
  const members = opened.members;
  const csv = members[CSV_MEMBER];
  if (!csv)
    return {
      findings: [
        finding('BINARY', 'sister', rule, `members: ${Object.keys(members).join(', ') || 'none'}`),
      ],
    };
  const lines = Buffer.from(csv)
    .toString('utf8')
    .split(/\r?\n/)
    .filter((l) => l !== '');
  const rows = lines.map(quotedFields);
  const findings: Finding[] = [];
  const badRow = rows.findIndex((r) => r === null || r.length !== 7);
  if (badRow >= 0) {
    findings.push(
      finding(
        'BINARY',
        'sister',
        '§26 every CSV row has seven double-quoted fields',
        `line ${badRow + 1} does not`,
        { excerpt: lines[badRow]!.slice(0, 200) },
      ),
    );
  } else if (rows[0] && rows[0].join('|') !== CSV_HEADER.join('|')) {
    findings.push(
      finding(
        'BINARY',
        'assumed',
        `§26 the header row reads ${CSV_HEADER.join(', ')}`,
        `header reads ${rows[0].join(', ')}`,
      ),
    );
  }
  return { content: { summary: `${CSV_MEMBER}, ${Math.max(0, lines.length - 1)} rows` }, findings };
}

/**
 * The members of a ZIP body, inflating no more than `maxBytes` in all (the sizes the members
 * declare are checked before anything is inflated), or the finding that it cannot be opened.
 */
export function unzipBounded(
  body: Buffer,
  maxBytes: number,
  rule: string,
): { members: Record<string, Uint8Array> } | { findings: Finding[] } {
  let total = 0;
  try {
    const members = unzipSync(body, {
      filter: (file) => {
        total += file.originalSize;
        if (total > maxBytes) throw new Error(`members declare more than ${maxBytes} bytes`);
        return true;
      },
    });
    return { members };
  } catch (err) {
    return {
      findings: [finding('BINARY', 'sister', rule, `cannot be opened: ${(err as Error).message}`)],
    };
  }
}

function hexExcerpt(body: Buffer): string {
  return body.subarray(0, 16).toString('hex').replace(/(..)/g, '$1 ').trim();
}
