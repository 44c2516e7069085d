import { fileURLToPath } from 'node:url';

/** Absolute path of the bundled, reconstructed reporting schema. */
export function bundledSchemaPath(): string {
  return fileURLToPath(new URL('./reporting.xsd', import.meta.url));
}

/** Absolute path of the PRA part of the schema (schemas/products.ts assembles the whole). */
export function praSchemaPartPath(): string {
  return fileURLToPath(new URL('./pra-reporting.xsd', import.meta.url));
}
