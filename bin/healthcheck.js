#!/usr/bin/env node
// Container health check: the schema endpoint answers without authentication. Uses the same
// BTMOCK_* variables as the server; under TLS the certificate is not verified (loopback only).
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';

const tls = ['true', '1', 'yes', 'on'].includes((process.env.BTMOCK_TLS ?? '').toLowerCase());
const port = process.env.BTMOCK_PORT ?? '8080';
const get = tls ? httpsGet : httpGet;
const url = `${tls ? 'https' : 'http'}://127.0.0.1:${port}/api/reporting.xsd`;

const req = get(url, { rejectUnauthorized: false, timeout: 3000 }, (res) => {
  res.resume();
  process.exit(res.statusCode === 200 ? 0 : 1);
});
req.on('timeout', () => req.destroy(new Error('timeout')));
req.on('error', () => process.exit(1));
