import { Command, Option } from 'commander';
import type { Product } from '../../generators/product.js';
import { BREAKAGES, type Breakage } from '../breakage.js';
import { CONFIG_ENV, CONFIG_KEYS, envName, flagName } from '../config/keys.js';
import { resolveConfig, type ServeConfig } from '../config/resolve.js';
import { listen, type RunningMock } from '../listen.js';
import { tlsMaterial } from '../tls.js';

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** What a user needs right after start: where, who, and two commands that work. */
export function startBanner(
  url: string,
  clientId: string,
  clientSecret: string,
  now: number,
  extra: { trustFile?: string; httpUrl?: string; product?: Product } = {},
): string {
  const dayAgo = now - 86_400;
  const listing = extra.product === 'pra' ? 'AccessSessionListing' : 'SupportSessionListing';
  const cacert = extra.trustFile ? `--cacert ${shellQuote(extra.trustFile)} ` : '';
  return [
    `BeyondTrust Reporting API mock listening on ${url}`,
    ...(extra.httpUrl ? [`  plain HTTP also on ${extra.httpUrl}`] : []),
    ...(extra.trustFile ? [`  TLS: clients trust the certificate in ${extra.trustFile}`] : []),
    '',
    `  client id:     ${clientId}`,
    `  client secret: ${clientSecret}`,
    `  token URL:     ${url}/oauth2/token`,
    `  reporting URL: ${url}/api/reporting`,
    '',
    'Try it:',
    `  TOKEN=$(curl -s ${cacert}-u ${shellQuote(`${clientId}:${clientSecret}`)} -d grant_type=client_credentials ${url}/oauth2/token | sed 's/.*"access_token":"\\([^"]*\\)".*/\\1/')`,
    `  curl -s ${cacert}-H "Authorization: Bearer $TOKEN" '${url}/api/reporting?generate_report=${listing}&start_time=${dayAgo}&duration=0'`,
    '',
  ].join('\n');
}

/** commander's attribute name of a key's flag: `error_style` → `errorStyle`. */
const attribute = (name: string) => name.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());

/** Starts the mock as the configuration says; TLS material is ready before anything listens. */
export async function startFromConfig(
  config: ServeConfig,
): Promise<{ running: RunningMock; trustFile?: string }> {
  const tls = config.tls.enabled
    ? await tlsMaterial({
        cert: config.tls.cert,
        key: config.tls.key,
        dir: config.tls.dir,
        host: config.host,
      })
    : undefined;
  const running = await listen({
    ...config.options,
    host: config.host,
    port: config.port,
    logLevel: config.logLevel,
    ...(tls ? { tls: { key: tls.key, cert: tls.cert } } : {}),
    ...(config.httpPort !== undefined ? { httpPort: config.httpPort } : {}),
  });
  return tls ? { running, trustFile: tls.trustFile } : { running };
}

/** Prints the banner and stops cleanly on SIGINT/SIGTERM. */
async function startAndPrint(config: ServeConfig): Promise<void> {
  const { running, trustFile } = await startFromConfig(config);
  const account = running.state.accounts[0]!;
  process.stdout.write(
    startBanner(running.url, account.clientId, account.clientSecret, running.state.clock.now(), {
      ...(trustFile ? { trustFile } : {}),
      ...(running.httpUrl ? { httpUrl: running.httpUrl } : {}),
      product: running.state.product,
    }),
  );
  const stop = () => void running.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/**
 * `btmock serve`: one flag per configuration key, read through `resolveConfig` with the
 * environment, so flags, variables and the file follow one precedence.
 */
export function serveCommand(
  run: (config: ServeConfig) => Promise<void> = startAndPrint,
  env: Record<string, string | undefined> = process.env,
): Command {
  const command = new Command('serve')
    .description(
      'start the mock appliance (precedence: flags > BTMOCK_* variables > --config file > defaults)',
    )
    .option('--config <file>', `configuration file, JSON or YAML (env ${CONFIG_ENV})`);
  for (const key of CONFIG_KEYS) {
    const value = key.kind.type === 'bool' ? '[true|false]' : '<value>';
    const suffix = `(env ${envName(key.name)}${key.defaultText ? `, default ${key.defaultText}` : ''})`;
    command.addOption(new Option(`${flagName(key.name)} ${value}`, `${key.description} ${suffix}`));
  }
  // Test only, for the contract kit's own tests: kept out of --help and of the configuration.
  command.addOption(new Option('--breakage <mode>').choices(BREAKAGES).hideHelp());
  command.action(async (opts: Record<string, string | true | undefined>) => {
    const flags = Object.fromEntries(CONFIG_KEYS.map((k) => [k.name, opts[attribute(k.name)]]));
    const configFile = opts.config === undefined ? undefined : String(opts.config);
    const config = resolveConfig({ flags, ...(configFile ? { configFile } : {}), env });
    if (typeof opts.breakage === 'string') config.options.breakage = opts.breakage as Breakage;
    await run(config);
  });
  return command;
}
