import type { FastifyInstance, InjectOptions } from 'fastify';
import { expect } from 'vitest';
import type { AdminOperations } from '../server/admin/operations.js';
import { buildApp, type AppOptions } from '../server/app.js';
import { NAMESPACES } from '../server/settings.js';
import type { MockState } from '../server/state.js';
import { productValidator } from '../schemas/products.js';
import { SchemaValidator } from '../schemas/validator.js';
import type { Product } from '../generators/product.js';

export const NS = 'http://www.beyondtrust.com/sra/namespaces/API/reporting';

/** A fixed clock anchor for tests: 2025-12-03T14:00:00Z (a Wednesday). */
export const NOW = 1_764_770_400;

const validators = new Map<string, SchemaValidator>();

/** The validator of the schema a profile serves for `namespace` (NS: the bundled one). */
export function schema(namespace = NS, product: Product = 'rs'): SchemaValidator {
  const key = `${product} ${namespace}`;
  let v = validators.get(key);
  if (!v) {
    if (product === 'pra') v = productValidator('pra', namespace);
    else v = namespace === NS ? SchemaValidator.bundled() : SchemaValidator.forNamespace(namespace);
    validators.set(key, v);
  }
  return v;
}

/** A bare `<error>` (spec §7.1): in no namespace, so no namespaced schema can declare it. */
const BARE_ERROR = /^<\?xml[^>]*\?>\s*<error>/;

/**
 * Asserts that an XML body validates against the schema served for `namespace` and returns its
 * root name. A bare `<error>` is validated against the same schema without a namespace.
 */
export function expectValid(xml: string, namespace = NS, product: Product = 'rs'): string {
  const result = schema(BARE_ERROR.test(xml) ? '' : namespace, product).validate(xml);
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
  /** The mock's admin operations (the embedded handle's and the admin API's). */
  admin: AdminOperations;
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

/**
 * Wraps `app.inject` so that every XML document the mock serves in a test is validated against
 * the schema it serves, whichever helper or test sent the request. Answers that are meant to be
 * broken (a fault rule is active, a breakage mode is on) and documents that are not reports
 * (the XSD itself, the command API) are left alone.
 */
function validateEveryXmlAnswer(app: FastifyInstance, state: MockState, options: AppOptions): void {
  const inject = app.inject.bind(app) as (
    o: InjectOptions | string,
  ) => ReturnType<FastifyInstance['inject']>;
  const validating = async (opts: InjectOptions | string) => {
    const res = await inject(opts);
    const url = typeof opts === 'string' ? opts : String(opts.url ?? opts.path ?? '');
    const path = url.split('?')[0] ?? '';
    const xml = String(res.headers['content-type'] ?? '').startsWith('text/xml');
    const report = path.startsWith('/api/reporting') && !path.endsWith('.xsd');
    const deliberate = options.breakage !== undefined || state.faults.list().length > 0;
    if (xml && report && !deliberate) {
      expectValid(res.body, NAMESPACES[state.settings.namespace], state.product);
    }
    return res;
  };
  (app as unknown as { inject: typeof validating }).inject = validating;
}

/** A mock appliance behind `inject()`, frozen at NOW unless told otherwise. */
export async function testMock(options: AppOptions = {}): Promise<TestMock> {
  const { app, state, admin } = await buildApp({
    seed: 1,
    now: NOW,
    frozenClock: true,
    ...options,
    // Tests fire requests faster than the appliance's 20/s; the limiter has its own tests.
    settings: { rateLimit: 'off', ...options.settings },
  });
  validateEveryXmlAnswer(app, state, options);
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
    admin,
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
