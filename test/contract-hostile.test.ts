import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleSummary } from '../contracts/reporters/console.js';
import { htmlReport } from '../contracts/reporters/html.js';
import { junitXml } from '../contracts/reporters/junit.js';
import { runContract } from '../contracts/runner.js';
import type { ContractReport } from '../contracts/types.js';
import { NS } from './helpers.js';

type Mode = 'xxe' | 'laughs' | 'oversize';

const MAX_BYTES = 1024 * 1024;
const dir = mkdtempSync(join(tmpdir(), 'btmock-hostile-'));
const secretFile = join(dir, 'secret.txt');
const secret = `SECRET-${randomBytes(12).toString('hex')}`;
let canaryHits = 0;
let canary: Server;
let hostile: Server;
let mode: Mode = 'xxe';

function listenLocal(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

function laughs(): string {
  const entities = ['<!ENTITY l0 "lol">'];
  for (let i = 1; i <= 9; i++) entities.push(`<!ENTITY l${i} "${`&l${i - 1};`.repeat(10)}">`);
  return `<?xml version="1.0"?>\n<!DOCTYPE session_summary_list [${entities.join('')}]>\n<session_summary_list xmlns="${NS}"><session_summary lsid="&l9;" has_recording="0"/></session_summary_list>`;
}

beforeAll(async () => {
  writeFileSync(secretFile, secret);
  canary = http.createServer((_req, res) => {
    canaryHits++;
    res.end(secret);
  });
  const canaryUrl = await listenLocal(canary);

  hostile = http.createServer((req, res) => {
    const url = req.url ?? '';
    if (url.startsWith('/oauth2/token')) {
      res.setHeader('Content-Type', 'application/json');
      return res.end('{"access_token":"hostile","token_type":"Bearer","expires_in":3600}');
    }
    if (url.startsWith('/api/reporting.xsd')) {
      // A schema that would make a careless kit read a local file and call a URL.
      res.setHeader('Content-Type', 'text/xml');
      return res.end(
        `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="${NS}"><xs:include schemaLocation="${canaryUrl}/schema.xsd"/><xs:include schemaLocation="file://${secretFile}"/></xs:schema>`,
      );
    }
    if (!url.startsWith('/api/reporting')) {
      res.statusCode = 404;
      return res.end();
    }
    res.setHeader('Content-Type', 'text/xml; charset=UTF-8');
    res.setHeader('Connection', 'close');
    if (mode === 'xxe') {
      return res.end(
        `<?xml version="1.0"?>\n<!DOCTYPE session_summary_list [<!ENTITY f SYSTEM "file://${secretFile}"><!ENTITY n SYSTEM "${canaryUrl}/leak">]>\n<session_summary_list xmlns="${NS}"><session_summary lsid="&f;&n;" has_recording="0"/></session_summary_list>`,
      );
    }
    if (mode === 'laughs') return res.end(laughs());
    // An endless body: written until the kit hangs up, at most 256 MiB.
    const chunk = Buffer.from(
      `<session_summary lsid="${'a'.repeat(32)}" has_recording="0"/>\n`.repeat(1000),
    );
    let sent = 0;
    res.write(`<?xml version="1.0"?>\n<session_summary_list xmlns="${NS}">\n`);
    const pump = () => {
      while (sent < 256 * MAX_BYTES && !res.destroyed) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    res.on('close', () => (sent = Number.POSITIVE_INFINITY));
    pump();
  });
  const target = await listenLocal(hostile);
  process.env.HOSTILE_TARGET = target;
});

afterAll(async () => {
  await new Promise((r) => hostile.close(r));
  await new Promise((r) => canary.close(r));
  rmSync(dir, { recursive: true, force: true });
});

async function kit(m: Mode): Promise<{ report: ContractReport; growth: number }> {
  mode = m;
  const before = process.memoryUsage().rss;
  const report = await runContract({
    target: process.env.HOSTILE_TARGET!,
    clientId: 'any',
    clientSecret: 'any',
    rate: 0,
    maxBytes: MAX_BYTES,
    reportTypes: ['SupportSessionListing'],
    tokenChecks: false,
  });
  return { report, growth: process.memoryUsage().rss - before };
}

function everything(report: ContractReport): string {
  return [
    JSON.stringify(report),
    consoleSummary(report),
    junitXml(report),
    htmlReport(report),
  ].join('\n');
}

function codes(report: ContractReport): string[] {
  return report.cases.flatMap((c) => c.findings.map((f) => f.code));
}

describe('the kit against a hostile target', () => {
  it('refuses a schema that includes a local file and a URL, and falls back to the bundled one', async () => {
    const { report } = await kit('xxe');
    expect(report.schema.fallback).toBe(true);
    expect(report.schema.warning).toMatch(/schemaLocation/);
    expect(everything(report)).not.toContain(secret);
    expect(canaryHits).toBe(0);
  });

  it('reports external entities without reading the file or requesting the URL', async () => {
    const { report } = await kit('xxe');
    expect(report.summary.failed).toBeGreaterThan(0);
    expect(codes(report)).toContain('HOSTILE_XML');
    expect(everything(report)).not.toContain(secret);
    expect(canaryHits).toBe(0);
  });

  it('reports a billion-laughs payload without expanding it', async () => {
    const { report, growth } = await kit('laughs');
    expect(codes(report)).toContain('HOSTILE_XML');
    expect(everything(report)).not.toContain('lollollol');
    expect(growth).toBeLessThan(128 * MAX_BYTES);
  });

  it('stops reading an oversized body at the limit and reports it', async () => {
    const { report, growth } = await kit('oversize');
    expect(codes(report)).toContain('SIZE');
    const sized = report.cases.filter((c) => c.findings.some((f) => f.code === 'SIZE'));
    expect(sized.every((c) => (c.response?.bytes ?? 0) <= MAX_BYTES)).toBe(true);
    expect(growth).toBeLessThan(128 * MAX_BYTES);
  });
});
