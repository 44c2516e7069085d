import { finding, type Finding } from '../types.js';
import { unzipBounded, type BinaryContent } from './binary.js';

/**
 * A BeyondTrust syslog line: BSD-syslog time and host, `BG[pid]:`, then `site:segment:total:`
 * and the payload (PRA syslog message format; the space after the colon varies by version).
 */
const LINE = /^[A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \S+ BG\[\d+\]: ?\d+:(\d{2}):(\d{2}):/;

/** The first lines that break the format, for the finding's excerpt. */
function badLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .filter((l) => l !== '')
    .filter((l) => {
      const m = LINE.exec(l);
      return !m || Number(m[1]) < 1 || Number(m[1]) > Number(m[2]);
    })
    .slice(0, 3);
}

/**
 * The PRA Syslog report (spec Appendix A): a ZIP archive whose members hold syslog lines. The
 * archive is [sister] evidence and fails when broken; the line format is not in the spec and
 * only warns.
 */
export function openSyslogZip(
  body: Buffer,
  maxBytes: number,
): { content?: BinaryContent; findings: Finding[] } {
  const rule = 'Appendix A Syslog is a ZIP archive of syslog lines';
  if (
    body.length < 4 ||
    (body.readUInt32LE(0) !== 0x04034b50 && body.readUInt32LE(0) !== 0x06054b50)
  )
    return { findings: [finding('BINARY', 'sister', rule, 'no ZIP signature (50 4B)')] };
  const opened = unzipBounded(body, maxBytes, rule);
  if ('findings' in opened) return opened;
  const members = opened.members;
  const findings: Finding[] = [];
  let lines = 0;
  for (const [name, data] of Object.entries(members)) {
    const text = Buffer.from(data).toString('utf8');
    lines += text.split(/\r?\n/).filter((l) => l !== '').length;
    const bad = badLines(text);
    if (bad.length > 0) {
      findings.push(
        finding(
          'BINARY',
          'assumed',
          'PRA syslog lines read "Mmm dd hh:mm:ss host BG[pid]: site:segment:total:payload"',
          `${name} has lines in another format`,
          { excerpt: bad[0]!.slice(0, 200) },
        ),
      );
    }
  }
  const count = Object.keys(members).length;
  return { content: { summary: `${count} members, ${lines} lines` }, findings };
}
