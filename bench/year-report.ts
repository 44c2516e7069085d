/**
 * Child process of the benchmark: time and peak memory of one SupportSession report over a
 * 365-day window, streamed over a real socket and discarded. Prints one JSON line.
 */
import { request } from 'node:http';
import { listen } from '../server/listen.js';
import { tokenFor } from './token.js';

const NOW = 1_764_770_400;
const running = await listen({ seed: 1, now: NOW, frozenClock: true, port: 0 });
const token = await tokenFor(running);

global.gc?.();
const baselineRss = process.memoryUsage().rss;
let peakRss = baselineRss;
let peakHeap = process.memoryUsage().heapUsed;
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
}, 20);

const started = performance.now();
const url = new URL(
  `${running.url}/api/reporting?generate_report=SupportSession&start_time=${NOW - 365 * 86_400}&duration=${365 * 86_400}`,
);
const { bytes, sessions } = await new Promise<{ bytes: number; sessions: number }>(
  (resolve, reject) => {
    const req = request(url, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      let bytes = 0;
      let sessions = 0;
      let tail = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        bytes += Buffer.byteLength(chunk);
        const text = tail + chunk;
        sessions += text.split('<session lsid=').length - 1;
        tail = text.slice(-20);
        sessions -= tail.split('<session lsid=').length - 1;
      });
      res.on('end', () =>
        resolve({ bytes, sessions: sessions + (tail.split('<session lsid=').length - 1) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  },
);
const ms = performance.now() - started;
clearInterval(sampler);
await running.close();
process.stdout.write(
  `${JSON.stringify({ ms: Math.round(ms), bytes, sessions, baselineRssMB: +(baselineRss / 2 ** 20).toFixed(1), peakRssMB: +(peakRss / 2 ** 20).toFixed(1), peakHeapMB: +(peakHeap / 2 ** 20).toFixed(1) })}\n`,
);
