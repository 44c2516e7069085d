import { writeFileSync } from 'node:fs';
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { Product } from '../generators/product.js';
import { productSchemaText } from '../schemas/products.js';
import { ToolError } from '../server/errors.js';
import { capture } from './capture.js';
import { diffSchemas, formatDrift } from './drift.js';
import {
  DEFAULT_MAX_BYTES,
  DEFAULT_RATE,
  DEFAULT_TIMEOUT_MS,
  HttpClient,
  parseTargetBase,
  targetUrl,
} from './http-client.js';
import { ALL_REPORT_NAMES } from './report-types-pra.js';
import { consoleSummary, progressLine } from './reporters/console.js';
import { htmlReport } from './reporters/html.js';
import { junitXml } from './reporters/junit.js';
import {
  DEFAULT_MAX_WAIT,
  DEFAULT_TOKEN_CAP,
  DEFAULT_WINDOW_SECONDS,
  runContract,
} from './runner.js';
import { schemaText } from './schema-source.js';

function number(name: string, min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < min)
      throw new InvalidArgumentError(`${name} must be a number ≥ ${min}`);
    return n;
  };
}

/** `--target`: an absolute http(s) URL, checked while parsing so a typo is a usage error. */
function targetBase(value: string): string {
  try {
    parseTargetBase(value);
  } catch {
    throw new InvalidArgumentError('expected an http(s) URL such as https://support.example.com');
  }
  return value;
}

function reportTypeList(value: string): string[] {
  const names = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !ALL_REPORT_NAMES.includes(n));
  if (unknown.length > 0)
    throw new InvalidArgumentError(`unknown report type(s): ${unknown.join(', ')}`);
  return names;
}

function time(value: string): number {
  if (/^\d+$/.test(value)) return Number(value);
  const ms = Date.parse(value);
  if (Number.isNaN(ms))
    throw new InvalidArgumentError('expected UNIX seconds or an ISO 8601 date-time');
  return Math.floor(ms / 1000);
}

/** The options every command that talks to a target shares. */
function targetOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--target <url>', 'base URL of the appliance or mock')
        .env('BTMOCK_TARGET')
        .argParser(targetBase)
        .makeOptionMandatory(),
    )
    .addOption(
      new Option('--client-id <id>', 'API account client id')
        .env('BTMOCK_TARGET_CLIENT_ID')
        .makeOptionMandatory(),
    )
    .addOption(
      new Option('--client-secret <secret>', 'API account client secret')
        .env('BTMOCK_TARGET_CLIENT_SECRET')
        .makeOptionMandatory(),
    )
    .option('--insecure', 'accept a self-signed TLS certificate', false)
    .option(
      '--rate <n>',
      'requests per second at most (0 = unpaced)',
      number('rate', 0),
      DEFAULT_RATE,
    )
    .option(
      '--max-bytes <n>',
      'read at most this many bytes of an answer',
      number('max-bytes', 1024),
      DEFAULT_MAX_BYTES,
    )
    .option(
      '--timeout <ms>',
      'give up on an answer after this long',
      number('timeout', 1),
      DEFAULT_TIMEOUT_MS,
    )
    .option(
      '--report-types <list>',
      `comma-separated report types (default all of the target product's: ${ALL_REPORT_NAMES.join(', ')})`,
      reportTypeList,
    );
}

/** `btmock contract`, `btmock drift` and `btmock capture`. */
export function registerContractCommands(program: Command): void {
  targetOptions(
    program
      .command('contract')
      .description('run the contract kit against an appliance or the mock'),
  )
    .option(
      '--schema <file|url>',
      "schema to validate against (default: the target's /api/reporting.xsd)",
    )
    .option(
      '--window <seconds>',
      'length of the time window asked for',
      number('window', 1),
      DEFAULT_WINDOW_SECONDS,
    )
    .option('--window-end <time>', "end of that window (default: the target's clock)", time)
    .option(
      '--max-wait <seconds>',
      'wait this long at most for a token to expire',
      number('max-wait', 0),
      DEFAULT_MAX_WAIT,
    )
    .option(
      '--token-cap <n>',
      'tokens per account before the oldest is evicted',
      number('token-cap', 1),
      DEFAULT_TOKEN_CAP,
    )
    .option('--no-evict', 'skip the eviction check (it invalidates the account’s other tokens)')
    .addOption(
      new Option('--product <product>', "the target's product; auto detects it from its answers")
        .choices(['auto', 'rs', 'pra'])
        .default('auto'),
    )
    .option('--drift', "also report drift between the bundled schema and the target's", false)
    .option('--junit <file>', 'write JUnit XML')
    .option('--html <file>', 'write a self-contained HTML report')
    .option('--quiet', 'no progress lines', false)
    .action(async (opts) => {
      const report = await runContract({
        target: opts.target,
        clientId: opts.clientId,
        clientSecret: opts.clientSecret,
        insecure: opts.insecure,
        rate: opts.rate,
        maxBytes: opts.maxBytes,
        timeoutMs: opts.timeout,
        schema: opts.schema,
        reportTypes: opts.reportTypes,
        product: opts.product,
        windowSeconds: opts.window,
        windowEnd: opts.windowEnd,
        maxWait: opts.maxWait,
        tokenCap: opts.evict ? opts.tokenCap : null,
        drift: opts.drift,
        onCase: opts.quiet ? undefined : (r) => process.stderr.write(progressLine(r)),
      });
      if (report.schema.warning)
        process.stderr.write(`btmock: warning: ${report.schema.warning}\n`);
      process.stdout.write(consoleSummary(report));
      if (opts.junit) writeFileSync(opts.junit, junitXml(report));
      if (opts.html) writeFileSync(opts.html, htmlReport(report));
      process.exitCode = report.summary.failed > 0 ? 1 : 0;
    });

  program
    .command('drift')
    .description(
      'compare two schemas: elements, attributes, types and occurrences added, removed or changed',
    )
    .option(
      '--target <url>',
      "take the other schema from this appliance's /api/reporting.xsd",
      targetBase,
    )
    .option('--schema <file|url>', 'the other schema, as a file or URL')
    .option('--base <file|url>', 'the schema to compare against (default: the bundled one)')
    .addOption(
      new Option('--product <product>', 'which bundled schema is the default base')
        .choices(['rs', 'pra'])
        .default('rs'),
    )
    .option('--insecure', 'accept a self-signed TLS certificate', false)
    .action(async (opts) => {
      if (!opts.target === !opts.schema)
        throw new ToolError('BAD_OPTION', 'give exactly one of --target or --schema');
      const http = new HttpClient({ insecure: opts.insecure, rate: 0 });
      const other = opts.schema ?? targetUrl(opts.target, '/api/reporting.xsd').href;
      const base = opts.base
        ? await schemaText(http, opts.base)
        : productSchemaText(opts.product as Product);
      const report = diffSchemas(base, await schemaText(http, other), {
        base: opts.base ?? (opts.product === 'pra' ? 'bundled PRA' : 'bundled'),
        other,
      });
      process.stdout.write(formatDrift(report));
      process.exitCode = report.items.length > 0 ? 1 : 0;
    });

  targetOptions(
    program
      .command('capture')
      .description('pull a window of reports from an appliance into anonymised fixtures'),
  )
    .requiredOption('--out <dir>', 'directory to write (created; must be empty)')
    .option(
      '--start <time>',
      'window start (UNIX seconds or ISO date-time; default one window ago)',
      time,
    )
    .option('--duration <seconds>', 'window length', number('duration', 1), DEFAULT_WINDOW_SECONDS)
    .option('--seed <n>', 'seed of the pseudonyms', number('seed', 0), 1)
    .option(
      '--max-sessions <n>',
      'SupportSession (AccessSession on PRA) by lsid for at most this many listed sessions',
      number('max-sessions', 0),
      20,
    )
    .addOption(
      new Option('--product <product>', "the target's product; auto detects it from its answers")
        .choices(['auto', 'rs', 'pra'])
        .default('auto'),
    )
    .action(async (opts) => {
      const result = await capture({
        target: opts.target,
        clientId: opts.clientId,
        clientSecret: opts.clientSecret,
        insecure: opts.insecure,
        rate: opts.rate,
        maxBytes: opts.maxBytes,
        timeoutMs: opts.timeout,
        reportTypes: opts.reportTypes,
        out: opts.out,
        start: opts.start,
        duration: opts.duration,
        seed: opts.seed,
        maxSessions: opts.maxSessions,
        product: opts.product,
        onProgress: (line) => process.stderr.write(line),
      });
      if (result.notServed.length)
        process.stdout.write(`not served by target: ${result.notServed.join(', ')}\n`);
      for (const e of result.excluded) process.stdout.write(`not captured: ${e}\n`);
      process.stdout.write(
        `${result.entries.length} fixtures in ${result.dir}; serve them with: btmock serve --fixtures ${result.dir}\n`,
      );
    });
}
