/**
 * `npm run bench`: figures side by side with a baseline measured in the same run.
 *
 * 1. Requests per second of SupportSessionListing (one-day window) through the whole stack
 *    (token check, parameters, world, XML, Fastify) beside a bare node:http server that returns
 *    the same bytes — with keep-alive, and with a new connection per request.
 * 2. Time and peak memory of a SupportSession report over a 365-day window (child process).
 *
 * BENCH_SECONDS sets the length of each load run (default 5).
 */
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { listen } from '../server/listen.js';
import { tokenFor } from './token.js';

const NOW = 1_764_770_400;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 8;
const PATH = `/api/reporting?generate_report=SupportSessionListing&start_time=${NOW - 86_400}&duration=86400`;

function bareServer(body: string, keepAlive: boolean): Promise<{ server: Server; url: string }> {
  const server = createServer((_req, res) => {
    const headers: Record<string, string> = { 'content-type': 'text/xml; charset=UTF-8' };
    if (!keepAlive) headers.connection = 'close';
    res.writeHead(200, headers);
    res.end(body);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${port}` });
    }),
  );
}

async function load(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ rps: number; errors: number; non2xx: number }> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers });
  return { rps: Math.round(result.requests.average), errors: result.errors, non2xx: result.non2xx };
}

const rows: string[][] = [];
for (const keepalive of ['allow', 'close'] as const) {
  const mock = await listen({
    seed: 1,
    now: NOW,
    frozenClock: true,
    port: 0,
    settings: { keepalive, tokenCap: 1000, expiresIn: 86_400, rateLimit: 'off' },
  });
  const token = await tokenFor(mock);
  const auth = { authorization: `Bearer ${token}` };
  const body = await (await fetch(`${mock.url}${PATH}`, { headers: auth })).text();
  const bare = await bareServer(body, keepalive === 'allow');

  const stack = await load(`${mock.url}${PATH}`, auth);
  const baseline = await load(`${bare.url}${PATH}`);
  const label = keepalive === 'allow' ? 'keep-alive' : 'new connection per request';
  rows.push([
    `SupportSessionListing, 1 day (${body.length} B), ${label}`,
    String(stack.rps),
    String(baseline.rps),
    `${((stack.rps / baseline.rps) * 100).toFixed(1)} %`,
    `${stack.errors + stack.non2xx}/${baseline.errors + baseline.non2xx}`,
  ]);
  await mock.close();
  await new Promise((r) => bare.server.close(r));
}

const header = [
  'scenario',
  'mock req/s',
  'bare node:http req/s',
  'mock / bare',
  'errors mock/bare',
];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
console.log(`\nLoad: ${CONNECTIONS} connections, ${SECONDS} s per run, autocannon, loopback\n`);
console.log(line(header));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const r of rows) console.log(line(r));

const child = fileURLToPath(new URL('./year-report.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
const year = JSON.parse(execFileSync(tsx, [child], { encoding: 'utf8' })) as Record<string, number>;
console.log('\nSupportSession over a 365-day window, streamed over a socket (separate process):\n');
console.log(`  sessions          ${year.sessions}`);
console.log(`  body              ${(year.bytes! / 2 ** 20).toFixed(1)} MiB`);
console.log(
  `  time              ${(year.ms! / 1000).toFixed(2)} s  (${Math.round(year.sessions! / (year.ms! / 1000))} sessions/s)`,
);
console.log(`  RSS before / peak ${year.baselineRssMB} MiB / ${year.peakRssMB} MiB`);
console.log(`  heap peak         ${year.peakHeapMB} MiB`);
