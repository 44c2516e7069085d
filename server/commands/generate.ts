import { writeFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { createWorld } from '../../generators/world.js';
import { ToolError } from '../errors.js';
import { exportWorldWindow, iso, renderWorldFile } from '../fixtures/export-world.js';
import { applyWorldFile } from '../fixtures/world-fixture.js';
import { DEFAULT_SEED } from '../state.js';

/** `YYYY-MM-DD` (UTC midnight), UNIX seconds, or an ISO 8601 date-time. */
export function parseBound(value: string): number {
  if (/^\d+$/.test(value)) return Number(value);
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
  const ms = Date.parse(text);
  if (Number.isNaN(ms))
    throw new InvalidArgumentError('expected YYYY-MM-DD, UNIX seconds or an ISO 8601 date-time');
  return Math.floor(ms / 1000);
}

function seedValue(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number ≥ 0');
  return Number(value);
}

export interface GenerateOptions {
  seed: number;
  from: number;
  to: number;
  out?: string;
  format?: 'yaml' | 'json';
  world?: string;
  siteOrigin: string;
}

/** Writes the window of the world as a world file; returns the text. */
export function generateWorldFile(options: GenerateOptions): string {
  if (options.to <= options.from) {
    throw new ToolError(
      'BAD_OPTION',
      `--to (${iso(options.to)}) must be later than --from (${iso(options.from)})`,
    );
  }
  const world = createWorld(options.seed);
  if (options.world) applyWorldFile(world, options.world);
  const file = exportWorldWindow(world, {
    from: options.from,
    to: options.to,
    siteOrigin: options.siteOrigin,
  });
  const format = options.format ?? (options.out?.endsWith('.json') ? 'json' : 'yaml');
  const header = [
    ` btmock world file: seed ${options.seed}, sessions starting in [${iso(options.from)}, ${iso(options.to)}).`,
    ` Load it with --world; see docs/fixtures.md. Event URLs use ${options.siteOrigin}.`,
  ].join('\n');
  const text = renderWorldFile(file, format, header);
  if (options.out) writeFileSync(options.out, text);
  return text;
}

export function generateCommand(): Command {
  return new Command('generate')
    .description(
      'export a window of the generated world to a world file you can edit and load with --world',
    )
    .option('--seed <n>', 'world seed', seedValue, DEFAULT_SEED)
    .requiredOption(
      '--from <time>',
      'first start time of the window (YYYY-MM-DD, UNIX seconds or ISO)',
      parseBound,
    )
    .requiredOption('--to <time>', 'end of the window, exclusive', parseBound)
    .option('--out <file>', 'file to write (stdout when absent); .json writes JSON')
    .addOption(new Option('--format <format>', 'output format').choices(['yaml', 'json']))
    .option('--world <file>', 'apply this world file before exporting')
    .option(
      '--site-origin <url>',
      'origin baked into URLs inside events',
      'https://support.example.com',
    )
    .action((opts: GenerateOptions) => {
      const text = generateWorldFile(opts);
      if (!opts.out) process.stdout.write(text);
      else process.stderr.write(`world file written to ${opts.out}\n`);
    });
}
