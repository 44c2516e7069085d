import { Command } from 'commander';
import { registerContractCommands } from '../contracts/cli.js';
import { generateCommand } from './commands/generate.js';
import { serveCommand } from './commands/serve.js';
import { ToolError } from './errors.js';

export { startBanner } from './commands/serve.js';

export function buildCli(): Command {
  const program = new Command('btmock')
    .description('Mock BeyondTrust Remote Support appliance (Reporting API) and contract kit')
    .showHelpAfterError()
    .addCommand(serveCommand())
    .addCommand(generateCommand());
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
