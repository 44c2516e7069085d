/**
 * Child process of the long-window measurement: one report over a ten-year window
 * (`start_time=0&duration=0` at the default clock, seed 1), streamed over a real socket and
 * discarded. Prints one JSON line: time, bytes, peak RSS and the longest event-loop stall.
 * Usage: tsx bench/long-window.ts <product> <query>
 */
import { request } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { listen } from '../server/listen.js';
import { tokenFor } from './token.js';

const [product = 'rs', query = 'generate_report=SupportTeam&start_time=0&duration=0'] =
  process.argv.slice(2);
const running = await listen({
  seed: 1,
  port: 0,
  product: product as 'rs' | 'pra',
  settings: { rateLimit: 'off' },
  logLevel: 'silent',
});
const token = await tokenFor(running);

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 20);
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
// The histogram records from its second tick on: let it start before the report does.
await new Promise((resolve) => setTimeout(resolve, 50));

const started = performance.now();
const bytes = await new Promise<number>((resolve, reject) => {
  const req = request(
    new URL(`${running.url}/api/reporting?${query}`),
    { headers: { authorization: `Bearer ${token}` } },
    (res) => {
      let n = 0;
      res.on('data', (chunk: Buffer) => (n += chunk.length));
      res.on('end', () => resolve(n));
      res.on('error', reject);
    },
  );
  req.on('error', reject);
  req.end();
});
const ms = performance.now() - started;
delay.disable();
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
await running.close();
process.stdout.write(
  `${JSON.stringify({ product, query, ms: Math.round(ms), bytes, peakRssMB: Math.round(peakRss / 2 ** 20), maxStallMs: Math.round(delay.max / 1e6) })}\n`,
);
process.exit(0);
