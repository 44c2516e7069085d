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

describe('binary reports through the runner', () => {
  it('opens a ZIP answer of a target that serves EndpointLicenseUsage, and fails a broken one', async () => {
    const { createServer } = await import('node:http');
    const { runContract } = await import('../contracts/runner.js');
    let body = Buffer.from(
      zipSync({
        'jump_items.csv': strToU8(
          '"Name","Hostname/IP","Jumpoint","Application","Licensed","Jump Method","Jump Group"\n',
        ),
      }),
    );
    const server = createServer((req, res) => {
      let form = '';
      req.on('data', (chunk: Buffer) => (form += chunk.toString()));
      req.on('end', () => {
        res.setHeader('Connection', 'close');
        if (req.url?.startsWith('/oauth2/token')) {
          res.setHeader('Content-Type', 'application/json');
          return res.end('{"access_token":"t","token_type":"Bearer","expires_in":3600}');
        }
        // Query or form body, as the appliance reads them; a multipart body names no report.
        if (!`${req.url}&${form}`.includes('generate_report=EndpointLicenseUsage')) {
          res.setHeader('Content-Type', 'text/xml; charset=UTF-8');
          return res.end(
            `<?xml version="1.0" encoding="UTF-8"?>\n<error xmlns="http://www.beyondtrust.com/sra/namespaces/API/reporting">Invalid report type.</error>\n`,
          );
        }
        res.setHeader('Content-Type', 'application/zip');
        res.setHeader('Content-Disposition', 'attachment; filename="endpoint_license_usage.zip"');
        res.end(body);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const target = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const run = () =>
      runContract({
        target,
        clientId: 'c',
        clientSecret: 's',
        rate: 0,
        reportTypes: ['EndpointLicenseUsage'],
        tokenChecks: false,
      });
    try {
      const good = await run();
      expect(good.schema.fallback).toBe(true);
      expect(
        good.cases
          .filter((c) => c.reportType === 'EndpointLicenseUsage')
          .map((c) => [c.title, c.status]),
      ).toEqual([
        ['no parameters, GET', 'pass'],
        ['no parameters, POST', 'pass'],
        ['multipart body (no parameters)', 'pass'],
      ]);
      body = Buffer.from('PK\u0003\u0004 not really a zip');
      const bad = await run();
      const finding = bad.cases.find((c) => c.id === 'EndpointLicenseUsage/no parameters/GET')!
        .findings[0]!;
      expect([finding.code, finding.severity]).toEqual(['BINARY', 'error']);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
