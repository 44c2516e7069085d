import type { FastifyInstance, InjectOptions } from 'fastify';
import { expect } from 'vitest';
import { buildApp, type AppOptions } from '../server/app.js';
import type { MockState } from '../server/state.js';
import { SchemaValidator } from '../schemas/validator.js';

export const NS = 'http://www.beyondtrust.com/sra/namespaces/API/reporting';

/** A fixed clock anchor for tests: 2025-12-03T14:00:00Z (a Wednesday). */
export const NOW = 1_764_770_400;

let validator: SchemaValidator | undefined;

/** The bundled schema's validator, loaded once per test file. */
export function schema(): SchemaValidator {
  validator ??= SchemaValidator.bundled();
  return validator;
}

/** Asserts that an XML body validates against the bundled XSD and returns its root name. */
export function expectValid(xml: string): string {
  const result = schema().validate(xml);
  if (!result.ok) {
    throw new Error(
      `XSD validation failed (${result.stage}):\n${result.problems.map((p) => `  ${p.path ?? ''} line ${p.line}: ${p.message}`).join('\n')}\n--- body ---\n${xml.slice(0, 2000)}`,
    );
  }
  return result.root;
}

export interface TestMock {
  app: FastifyInstance;
  state: MockState;
  /** A fresh access token of the default account. */
  token(): Promise<string>;
  basic(): string;
  /** Sends a request with a valid token; every XML answer is validated against the XSD. */
  report(
    params: Record<string, string | number>,
    init?: Partial<InjectOptions> & { method?: 'GET' | 'POST' },
  ): Promise<Awaited<ReturnType<FastifyInstance['inject']>>>;
  close(): Promise<void>;
}

/** A mock appliance behind `inject()`, frozen at NOW unless told otherwise. */
export async function testMock(options: AppOptions = {}): Promise<TestMock> {
  const { app, state } = await buildApp({ seed: 1, now: NOW, frozenClock: true, ...options });
  const account = state.accounts[0]!;
  const basic = () =>
    `Basic ${Buffer.from(`${account.clientId}:${account.clientSecret}`).toString('base64')}`;
  let cached: string | undefined;
  const token = async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/oauth2/token',
      headers: { authorization: basic(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'grant_type=client_credentials',
    });
    expect(res.statusCode).toBe(200);
    return (JSON.parse(res.body) as { access_token: string }).access_token;
  };
  return {
    app,
    state,
    token,
    basic,
    async report(params, init = {}) {
      cached ??= await token();
      const query = new URLSearchParams(
        Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]),
      ).toString();
      const method = init.method ?? 'GET';
      const res = await app.inject({
        ...init,
        method,
        url: method === 'GET' ? `/api/reporting?${query}` : '/api/reporting',
        headers: {
          authorization: `Bearer ${cached}`,
          ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
          ...(init.headers ?? {}),
        },
        ...(method === 'POST' ? { payload: query } : {}),
      } as InjectOptions);
      if (String(res.headers['content-type'] ?? '').startsWith('text/xml')) expectValid(res.body);
      return res;
    },
    close: () => app.close(),
  };
}

/** Every value of an attribute in the document, in order. */
export function attributeValues(xml: string, element: string, attribute: string): string[] {
  const re = new RegExp(`<${element}\\b[^>]*?\\s${attribute}="([^"]*)"`, 'g');
  return [...xml.matchAll(re)].map((m) => m[1]!);
}
