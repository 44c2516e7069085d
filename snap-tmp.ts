import { buildApp } from 'server/app.js';
import { writeFileSync } from 'node:fs';
const out = process.argv[2]!;
const { app, state } = await buildApp({ seed: 1, now: 1_764_770_400, frozenClock: true });
const a = state.accounts[0]!;
const t = await app.inject({
  method: 'POST',
  url: '/oauth2/token',
  headers: {
    authorization: 'Basic ' + Buffer.from(a.clientId + ':' + a.clientSecret).toString('base64'),
    'content-type': 'application/x-www-form-urlencoded',
  },
  payload: 'grant_type=client_credentials',
});
const tok = JSON.parse(t.body).access_token;
let all = '';
for (const q of [
  'generate_report=SupportSession&start_time=1764500000&duration=300000',
  'generate_report=SupportSessionListing&end_date=2025-11-01&duration=10',
  'generate_report=SupportSessionSummary&start_date=2025-10-01&duration=30&report_type=team',
  'generate_report=SupportSession&start_time=1764760000&duration=0',
]) {
  const r = await app.inject({
    url: '/api/reporting?' + q,
    headers: { authorization: 'Bearer ' + tok },
  });
  all += r.body;
}
writeFileSync(out, all);
await app.close();
