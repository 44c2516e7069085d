import { Command, InvalidArgumentError, Option } from 'commander';
import { registerContractCommands } from '../contracts/cli.js';
import { BREAKAGES } from './breakage.js';
import { ToolError } from './errors.js';
import { listen } from './listen.js';
import type { LogLevel } from './logger.js';
import { DEFAULT_SEED } from './state.js';

function integer(name: string, min: number) {
  return (value: string): number => {
    if (!/^-?\d+$/.test(value) || Number(value) < min) {
      throw new InvalidArgumentError(`${name} must be a whole number ≥ ${min}`);
    }
    return Number(value);
  };
}

/** `--now` takes UNIX seconds or an ISO 8601 date-time. */
export function parseNow(value: string): number {
  if (/^\d+$/.test(value)) return Number(value);
  const ms = Date.parse(value);
  if (Number.isNaN(ms))
    throw new InvalidArgumentError('expected UNIX seconds or an ISO 8601 date-time');
  return Math.floor(ms / 1000);
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** What a user needs right after start: where, who, and two commands that work. */
export function startBanner(
  url: string,
  clientId: string,
  clientSecret: string,
  now: number,
): string {
  const dayAgo = now - 86_400;
  return [
    `BeyondTrust Reporting API mock listening on ${url}`,
    '',
    `  client id:     ${clientId}`,
    `  client secret: ${clientSecret}`,
    `  token URL:     ${url}/oauth2/token`,
    `  reporting URL: ${url}/api/reporting`,
    '',
    'Try it:',
    `  TOKEN=$(curl -s -u ${shellQuote(`${clientId}:${clientSecret}`)} -d grant_type=client_credentials ${url}/oauth2/token | sed 's/.*"access_token":"\\([^"]*\\)".*/\\1/')`,
    `  curl -s -H "Authorization: Bearer $TOKEN" '${url}/api/reporting?generate_report=SupportSessionListing&start_time=${dayAgo}&duration=0'`,
    '',
  ].join('\n');
}

export function buildCli(): Command {
  const program = new Command('btmock')
    .description('Mock BeyondTrust Remote Support appliance (Reporting API) and contract kit')
    .showHelpAfterError();

  program
    .command('serve')
    .description('start the mock appliance on its seeded world')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0 = any free port)', integer('port', 0), 8080)
    .option('--seed <n>', 'world seed', integer('seed', 0), DEFAULT_SEED)
    .option(
      '--now <time>',
      "the appliance clock's anchor (UNIX seconds or ISO date-time)",
      parseNow,
    )
    .option('--site-tz <zone>', 'site time zone (IANA name)', 'UTC')
    .addOption(new Option('--client-id <id>', 'API account client id').env('BTMOCK_CLIENT_ID'))
    .addOption(
      new Option('--client-secret <secret>', 'API account client secret').env(
        'BTMOCK_CLIENT_SECRET',
      ),
    )
    .addOption(
      new Option('--profile <profile>', 'appliance profile')
        .choices(['appliance', 'cloud', 'legacy'])
        .default('appliance'),
    )
    .addOption(
      new Option('--namespace <ns>', 'XML namespace of documents').choices([
        'sra',
        'bomgar',
        'none',
        'docs',
      ]),
    )
    .addOption(
      new Option('--locale <locale>', 'language of no-data messages')
        .choices(['en', 'fr'])
        .default('en'),
    )
    .addOption(
      new Option('--layout <layout>', 'XML byte layout')
        .choices(['real', 'pretty', 'compact'])
        .default('real'),
    )
    .option('--expires-in <seconds>', 'token lifetime', integer('expires-in', 1))
    .option(
      '--fixtures <dir>',
      'serve captured answers (manifest.json + files) where a request matches',
    )
    .addOption(new Option('--breakage <mode>').choices(BREAKAGES).hideHelp())
    .addOption(
      new Option('--log-level <level>', 'log level')
        .choices(['fatal', 'error', 'warn', 'info', 'debug', 'silent'])
        .default('info'),
    )
    .action(async (opts) => {
      const running = await listen({
        host: opts.host,
        port: opts.port,
        seed: opts.seed,
        now: opts.now,
        logLevel: opts.logLevel as LogLevel,
        settings: {
          profile: opts.profile,
          namespace: opts.namespace,
          locale: opts.locale,
          layout: opts.layout,
          siteTz: opts.siteTz,
          expiresIn: opts.expiresIn,
        },
        accounts: [{ clientId: opts.clientId, clientSecret: opts.clientSecret }],
        rawFixtures: opts.fixtures,
        breakage: opts.breakage,
      });
      const account = running.state.accounts[0]!;
      process.stdout.write(
        startBanner(running.url, account.clientId, account.clientSecret, running.state.clock.now()),
      );
      const stop = () => void running.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });

  registerContractCommands(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (err) {
    if (err instanceof ToolError) {
      process.stderr.write(`btmock: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}

const invokedDirectly =
  import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('cli.ts');
if (invokedDirectly) await main(process.argv);
