import { fileURLToPath } from 'node:url';

/** Absolute path of the bundled, reconstructed reporting schema. */
export function bundledSchemaPath(): string {
  return fileURLToPath(new URL('./reporting.xsd', import.meta.url));
}
