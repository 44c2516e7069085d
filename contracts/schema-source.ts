import { readFileSync, statSync } from 'node:fs';
import type { Product } from '../generators/product.js';
import { productSchemaText } from '../schemas/products.js';
import { SchemaValidator } from '../schemas/validator.js';
import { ToolError } from '../server/errors.js';
import { targetUrl, type HttpClient } from './http-client.js';
import type { SchemaOrigin } from './types.js';

export interface LoadedSchema {
  validator: SchemaValidator;
  origin: SchemaOrigin;
}

function isUrl(value: string): boolean {
  return /^https?:\/\//i.test(value);
}

/** Fetches a schema over HTTP(S) within the client's limits; throws BAD_SCHEMA on any failure. */
async function fetchSchema(http: HttpClient, url: URL, token?: string): Promise<string> {
  const response = await http.request({
    method: 'GET',
    url,
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  if (!response.ok) throw new ToolError('BAD_SCHEMA', `${url.href}: ${response.error}`);
  if (response.oversize)
    throw new ToolError('BAD_SCHEMA', `${url.href}: larger than ${http.maxBytes} bytes`);
  if (response.status !== 200)
    throw new ToolError('BAD_SCHEMA', `${url.href}: HTTP ${response.status}`);
  return response.body.toString('utf8');
}

/** Reads a schema file within the size limit; throws BAD_SCHEMA with the reason. */
export function readSchemaFile(path: string, maxBytes: number): string {
  try {
    const size = statSync(path).size;
    if (size > maxBytes)
      throw new ToolError('BAD_SCHEMA', `${path}: ${size} bytes, more than ${maxBytes}`);
    return readFileSync(path, 'utf8');
  } catch (err) {
    if (err instanceof ToolError) throw err;
    throw new ToolError('BAD_SCHEMA', `${path}: ${(err as Error).message}`);
  }
}

/** A schema given as a file path or an http(s) URL. */
export async function schemaText(http: HttpClient, source: string): Promise<string> {
  return isUrl(source) ? fetchSchema(http, new URL(source)) : readSchemaFile(source, http.maxBytes);
}

/**
 * The schema answers are validated against. An explicit `--schema` (file or URL) must load.
 * Otherwise the target's own `/api/reporting.xsd` (without a token first, then with one, as the
 * spec leaves authentication open); if that fails, the bundled schema with a warning saying why.
 */
export async function loadSchema(
  http: HttpClient,
  options: { schema?: string; target: string; token: string; product?: Product },
): Promise<LoadedSchema> {
  if (options.schema) {
    const validator = new SchemaValidator(await schemaText(http, options.schema), http.maxBytes);
    return {
      validator,
      origin: {
        source: options.schema,
        targetNamespace: validator.targetNamespace,
        fallback: false,
      },
    };
  }

  const url = targetUrl(options.target, '/api/reporting.xsd');
  let reason: string;
  try {
    let text: string;
    try {
      text = await fetchSchema(http, url);
    } catch {
      text = await fetchSchema(http, url, options.token);
    }
    const validator = new SchemaValidator(text, http.maxBytes);
    return {
      validator,
      origin: { source: url.href, targetNamespace: validator.targetNamespace, fallback: false },
    };
  } catch (err) {
    reason = err instanceof ToolError ? err.message : String(err);
  }

  const product = options.product ?? 'rs';
  const validator = new SchemaValidator(productSchemaText(product));
  return {
    validator,
    origin: {
      source: product === 'pra' ? 'bundled PRA schema' : 'bundled schemas/reporting.xsd',
      targetNamespace: validator.targetNamespace,
      fallback: true,
      warning: `the target's schema could not be used (${reason}); validating against the bundled schema instead`,
    },
  };
}
