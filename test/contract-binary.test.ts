import { gzipSync } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  checkBinaryHeaders,
  openArchive,
  openEndpointZip,
  openFlv,
} from '../contracts/checks/binary.js';
import { reportType } from '../contracts/report-types.js';

/** An FLV file built by the format's rules: header, zero back-pointer, tags with back-pointers. */
function flv(tags: Buffer[]): Buffer {
  const header = Buffer.from([0x46, 0x4c, 0x56, 0x01, 0x05, 0, 0, 0, 9, 0, 0, 0, 0]);
  const parts = tags.map((data) => {
    const tag = Buffer.alloc(11 + data.length + 4);
    tag[0] = 9; // video
    tag.writeUIntBE(data.length, 1, 3);
    data.copy(tag, 11);
    tag.writeUInt32BE(11 + data.length, 11 + data.length);
    return tag;
  });
  return Buffer.concat([header, ...parts]);
}

const MAX = 1024 * 1024;
const codes = (r: { findings: { code: string }[] }) => r.findings.map((f) => f.code);

describe('binary report checks', () => {
  it('opens an FLV recording and counts its tags', () => {
    const result = openFlv(flv([Buffer.alloc(20), Buffer.alloc(5)]));
    expect(result.findings).toEqual([]);
    expect(result.content?.summary).toBe('FLV, 2 tags');
  });

  it('rejects a recording without the FLV signature or with a broken tag', () => {
    expect(openFlv(Buffer.from('<error>Invalid lsid.</error>')).findings[0]?.message).toMatch(
      /no FLV signature/,
    );
    const broken = flv([Buffer.alloc(20)]);
    broken.writeUInt32BE(99, broken.length - 4);
    expect(openFlv(broken).findings[0]?.message).toMatch(/back-pointer after tag 1/);
    expect(openFlv(flv([Buffer.alloc(20)]).subarray(0, 30)).findings[0]?.message).toMatch(
      /runs past the end/,
    );
  });

  it('opens a gzip state archive of tables and an event archive of JSON lines', () => {
    const state = gzipSync(
      JSON.stringify({ representative: { '1': { username: 'x' } }, support_session: null }),
    );
    expect(openArchive(state, 'state', MAX)).toEqual({
      content: { summary: 'state archive, 2 tables' },
      findings: [],
    });
    const events = gzipSync(
      '{"timestamp":1,"event_type":"Session Start"}\n{"timestamp":2,"event_type":"Session End"}\n',
    );
    expect(openArchive(events, 'event', MAX).content?.summary).toBe('event archive, 2 lines');
  });

  it('rejects an archive that is not gzip, not JSON, or inflates past the limit', () => {
    expect(codes(openArchive(Buffer.from('plain'), 'state', MAX))).toEqual(['BINARY']);
    expect(openArchive(gzipSync('{"a": [1]}'), 'state', MAX).findings[0]?.message).toMatch(
      /table "a"/,
    );
    expect(openArchive(gzipSync('not json\n'), 'event', MAX).findings[0]?.message).toMatch(
      /line 1 is not JSON/,
    );
    const bomb = gzipSync(Buffer.alloc(4 * MAX));
    expect(openArchive(bomb, 'state', MAX).findings[0]?.message).toMatch(
      /cannot be inflated within/,
    );
  });

  it('opens the EndpointLicenseUsage ZIP and reads jump_items.csv', () => {
    const header =
      '"Name","Hostname/IP","Jumpoint","Application","Licensed","Jump Method","Jump Group"';
    const row = '"Web 1","10.0.0.1","JP ""East""","","yes","Remote Desktop","Ops"';
    const zip = Buffer.from(zipSync({ 'jump_items.csv': strToU8(`${header}\n${row}\n`) }));
    expect(openEndpointZip(zip, MAX)).toEqual({
      content: { summary: 'jump_items.csv, 1 rows' },
      findings: [],
    });
  });

  it('rejects a ZIP without the CSV, with unquoted fields, or declaring more than the limit', () => {
    const other = Buffer.from(zipSync({ 'other.txt': strToU8('x') }));
    expect(openEndpointZip(other, MAX).findings[0]?.message).toBe('members: other.txt');
    const unquoted = Buffer.from(zipSync({ 'jump_items.csv': strToU8('Name,Host\n') }));
    expect(openEndpointZip(unquoted, MAX).findings[0]?.message).toBe('line 1 does not');
    const big = Buffer.from(zipSync({ 'jump_items.csv': new Uint8Array(2 * MAX) }));
    expect(openEndpointZip(big, MAX).findings[0]?.message).toMatch(/declare more than/);
    expect(codes(openEndpointZip(Buffer.from('PK'), MAX))).toEqual(['BINARY']);
  });

  it('warns when a binary report has another content type or no attachment name', () => {
    const type = reportType('SupportSessionRecording')!;
    expect(
      checkBinaryHeaders(
        { 'content-type': 'video/x-flv', 'content-disposition': 'attachment; filename="a.flv"' },
        type,
      ),
    ).toEqual([]);
    const findings = checkBinaryHeaders({ 'content-type': 'application/octet-stream' }, type);
    expect(findings.map((f) => [f.code, f.severity])).toEqual([
      ['CONTENT_TYPE', 'warning'],
      ['BINARY', 'warning'],
    ]);
  });
});
