// Copies the files the built package serves at run time next to the compiled code.
import { cpSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = resolve(root, process.argv[2] ?? 'dist');
cpSync(resolve(root, 'schemas/reporting.xsd'), resolve(outDir, 'schemas/reporting.xsd'));
cpSync(resolve(root, 'schemas/pra-reporting.xsd'), resolve(outDir, 'schemas/pra-reporting.xsd'));
