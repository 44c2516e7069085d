import { Command } from 'commander';
import { generateCommand } from './commands/generate.js';
import { serveCommand } from './commands/serve.js';
import { ToolError } from './errors.js';

export { startBanner } from './commands/serve.js';

export function buildCli(): Command {
  return new Command('btmock')
    .description('Mock BeyondTrust Remote Support appliance (Reporting API) and contract kit')
    .showHelpAfterError()
    .addCommand(serveCommand())
    .addCommand(generateCommand());
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
