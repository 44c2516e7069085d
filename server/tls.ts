import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { ToolError } from './errors.js';

/** PEM material the HTTPS server is started with, and the file clients should trust. */
export interface TlsMaterial {
  key: string;
  cert: string;
  /** PEM file for clients: the generated CA, or the given certificate. */
  trustFile: string;
  generated: boolean;
}

export interface TlsRequest {
  cert?: string;
  key?: string;
  /** Where the generated CA certificate is written; a new temporary directory by default. */
  dir?: string;
  /** The listen host; a specific name or address is added to the certificate's names. */
  host?: string;
}

const DAY_MS = 86_400_000;

/** Names the certificate is valid for: loopback always, plus the listen host when specific. */
type AltName = { type: 2; value: string } | { type: 7; ip: string };

function altNames(host: string | undefined): AltName[] {
  const names: AltName[] = [
    { type: 2, value: 'localhost' },
    { type: 7, ip: '127.0.0.1' },
    { type: 7, ip: '::1' },
  ];
  if (!host || ['0.0.0.0', '::', 'localhost', '127.0.0.1', '::1'].includes(host)) return names;
  names.push(isIP(host) ? { type: 7, ip: host } : { type: 2, value: host });
  return names;
}

/**
 * A throwaway certificate authority and a server certificate it signs. Clients trust the CA
 * file (`ca:` in Node, `--cacert` in curl) and verify the server as usual, host name included.
 */
async function generateMaterial(request: TlsRequest): Promise<TlsMaterial> {
  const notBeforeDate = new Date(Date.now() - DAY_MS); // tolerate clients whose clock lags
  const notAfterDate = new Date(Date.now() + 365 * DAY_MS);
  const common = {
    keyType: 'ec' as const,
    curve: 'P-256' as const,
    algorithm: 'sha256' as const,
    notBeforeDate,
    notAfterDate,
  };
  const ca = await generate([{ name: 'commonName', value: 'btmock local CA' }], {
    ...common,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const names = altNames(request.host);
  const commonName = names.length > 3 ? (request.host ?? 'localhost') : 'localhost';
  const leaf = await generate([{ name: 'commonName', value: commonName }], {
    ...common,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: names },
    ],
  });

  const dir = request.dir ?? mkdtempSync(join(tmpdir(), 'btmock-tls-'));
  try {
    mkdirSync(dir, { recursive: true });
    const trustFile = join(dir, 'btmock-ca.pem');
    writeFileSync(trustFile, ca.cert);
    return { key: leaf.private, cert: leaf.cert, trustFile, generated: true };
  } catch (err) {
    throw new ToolError(
      'TLS_MATERIAL',
      `cannot write the CA certificate to ${dir}: ${(err as Error).message}`,
    );
  }
}

function readPem(path: string, what: string): string {
  try {
    const text = readFileSync(path, 'utf8');
    if (!text.includes('-----BEGIN ')) throw new Error('no PEM block in the file');
    return text;
  } catch (err) {
    throw new ToolError('TLS_MATERIAL', `${what} ${path}: ${(err as Error).message}`);
  }
}

/** The given certificate and key, or a generated CA and certificate written for clients. */
export async function tlsMaterial(request: TlsRequest): Promise<TlsMaterial> {
  if (request.cert === undefined && request.key === undefined) return generateMaterial(request);
  if (request.cert === undefined || request.key === undefined) {
    throw new ToolError('TLS_MATERIAL', 'a certificate and its key go together; give both');
  }
  return {
    cert: readPem(request.cert, 'certificate'),
    key: readPem(request.key, 'private key'),
    trustFile: request.cert,
    generated: false,
  };
}
