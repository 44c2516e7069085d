import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBanner, startFromConfig } from '../server/commands/serve.js';
import { resolveConfig } from '../server/config/resolve.js';
import type { RunningMock } from '../server/listen.js';
import { listen } from '../server/listen.js';
import { tlsMaterial } from '../server/tls.js';
import { NOW, attributeValues, expectValid } from './helpers.js';

interface Answer {
  status: number;
  body: string;
}

/** One request over a real socket; `https:` URLs verify the server against `ca`. */
function fetchText(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string; ca?: string },
): Promise<Answer> {
  const target = new URL(url);
  const options: RequestOptions = {
    method: init.method ?? 'GET',
    headers: init.headers ?? {},
    agent: false,
    ...(target.protocol === 'https:' ? { ca: init.ca, rejectUnauthorized: true } : {}),
  };
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(target, options, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

async function token(base: string, clientId: string, secret: string, ca?: string): Promise<string> {
  const res = await fetchText(`${base}/oauth2/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
    ...(ca ? { ca } : {}),
  });
  expect(res.status).toBe(200);
  return (JSON.parse(res.body) as { access_token: string }).access_token;
}

const LISTING = `/api/reporting?generate_report=SupportSessionListing&start_time=${NOW - 86_400}&duration=0`;

describe('--tls with a generated certificate', () => {
  let dir: string;
  let running: RunningMock;
  let trustFile: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'btmock-tls-test-'));
    const config = resolveConfig({
      flags: {
        tls: true,
        port: '0',
        http_port: '0',
        tls_dir: dir,
        now: String(NOW),
        frozen_clock: true,
        log_level: 'silent',
      },
      env: {},
    });
    const started = await startFromConfig(config);
    running = started.running;
    trustFile = started.trustFile!;
  });
  afterAll(async () => {
    await running.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the CA certificate for clients where it says, and the banner prints that path', () => {
    expect(trustFile).toBe(join(dir, 'btmock-ca.pem'));
    expect(readFileSync(trustFile, 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----/);
    const account = running.state.accounts[0]!;
    const banner = startBanner(running.url, account.clientId, account.clientSecret, NOW, {
      trustFile,
    });
    expect(banner).toContain(trustFile);
    expect(banner).toContain(`--cacert '${trustFile}'`);
  });

  it('a Node client that trusts the printed CA verifies the certificate and pulls a report over HTTPS', async () => {
    expect(running.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const ca = readFileSync(trustFile, 'utf8');
    const account = running.state.accounts[0]!;
    const bearer = await token(running.url, account.clientId, account.clientSecret, ca);
    const res = await fetchText(`${running.url}${LISTING}`, {
      headers: { authorization: `Bearer ${bearer}` },
      ca,
    });
    expect(res.status).toBe(200);
    expectValid(res.body);
    expect(attributeValues(res.body, 'session_summary', 'lsid').length).toBeGreaterThan(0);
  });

  it('the certificate also names localhost', async () => {
    const ca = readFileSync(trustFile, 'utf8');
    const res = await fetchText(
      `${running.url.replace('127.0.0.1', 'localhost')}/api/reporting.xsd`,
      { ca },
    );
    expect(res.status).toBe(200);
  });

  it('a client that does not trust the CA is refused by its own verification', async () => {
    await expect(fetchText(`${running.url}/api/reporting.xsd`, {})).rejects.toMatchObject({
      code: expect.stringMatching(/SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/),
    });
  });

  it('plain HTTP on the second port serves the same appliance: a token from HTTPS works there', async () => {
    expect(running.httpUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const ca = readFileSync(trustFile, 'utf8');
    const account = running.state.accounts[0]!;
    const bearer = await token(running.url, account.clientId, account.clientSecret, ca);
    const res = await fetchText(`${running.httpUrl}${LISTING}`, {
      headers: { authorization: `Bearer ${bearer}` },
    });
    expect(res.status).toBe(200);
    expectValid(res.body);
  });
});

describe('--tls-cert and --tls-key', () => {
  it('serves the given certificate; clients trust its issuer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'btmock-tls-given-'));
    const generated = await tlsMaterial({ dir });
    const cert = join(dir, 'server.pem');
    const key = join(dir, 'server.key');
    writeFileSync(cert, generated.cert);
    writeFileSync(key, generated.key);

    const given = await tlsMaterial({ cert, key });
    expect(given.trustFile).toBe(cert);
    const running = await listen({
      port: 0,
      tls: { key: given.key, cert: given.cert },
      now: NOW,
      frozenClock: true,
    });
    try {
      const res = await fetchText(`${running.url}/api/reporting.xsd`, {
        ca: readFileSync(generated.trustFile, 'utf8'),
      });
      expect(res.status).toBe(200);
      expect(res.body).toContain('targetNamespace=');
    } finally {
      await running.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an unreadable certificate is a TLS_MATERIAL error before anything listens', async () => {
    await expect(
      tlsMaterial({ cert: '/nonexistent/cert.pem', key: '/nonexistent/key.pem' }),
    ).rejects.toMatchObject({ code: 'TLS_MATERIAL' });
  });
});
