import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { registerContractCommands } from '../contracts/cli.js';
import { generateCommand } from './commands/generate.js';
import { serveCommand } from './commands/serve.js';
import { ToolError, type ToolErrorCode } from './errors.js';

export { startBanner } from './commands/serve.js';

/** Exit statuses of every command: scripts and CI tell a failed check from a broken call. */
export const EXIT = { OK: 0, FAILED: 1, USAGE: 2 } as const;

/** The package version, from the source tree (`../`) or the built one (`../../`). */
function packageVersion(): string {
  for (const rel of ['../package.json', '../../package.json']) {
    const file = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(file))
      return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  }
  return '0.0.0';
}

/** Applies a setting to a command and every command below it (addCommand copies no settings). */
function everyCommand(command: Command, apply: (c: Command) => void): void {
  apply(command);
  for (const sub of command.commands) everyCommand(sub, apply);
}

export function buildCli(): Command {
  const program = new Command('btmock')
    .description('Mock BeyondTrust Remote Support appliance (Reporting API) and contract kit')
    .version(packageVersion())
    .addCommand(serveCommand())
    .addCommand(generateCommand());
  registerContractCommands(program);
  // commander would print its own "error: …" and exit 1, the status of a failed check: it
  // throws instead, and runCli() prints one `btmock: CODE: detail` line and returns 2.
  everyCommand(program, (c) => c.exitOverride().configureOutput({ outputError: () => undefined }));
  return program;
}

/** commander's error codes for a value it could not parse; every other one is a usage error. */
const BAD_VALUE = new Set(['commander.invalidArgument', 'commander.invalidOptionArgument']);

/** The tool error a commander error stands for, or null for help and version (status 0). */
function usageError(err: CommanderError): ToolError | null {
  if (err.exitCode === 0) return null;
  // Help printed because no command was given: the help text already says what to do.
  if (err.code === 'commander.help') return new ToolError('USAGE', 'a command is required');
  const code: ToolErrorCode = BAD_VALUE.has(err.code) ? 'BAD_OPTION' : 'USAGE';
  const detail = err.message
    .replace(/^error: /, '')
    .replace(/\s+/g, ' ')
    .trim();
  return new ToolError(code, detail);
}

/**
 * Runs the CLI and returns its exit status: 0 done (help and version included), 1 a check failed
 * or drift was found (set by the command), 2 a usage or tool error, printed as one
 * `btmock: CODE: detail` line on `stderr`.
 */
export async function runCli(
  argv: string[],
  stderr: { write(text: string): unknown } = process.stderr,
): Promise<number> {
  try {
    await buildCli().parseAsync(argv);
    return Number(process.exitCode ?? EXIT.OK);
  } catch (err) {
    const tool = err instanceof CommanderError ? usageError(err) : err;
    if (tool === null) return EXIT.OK;
    if (tool instanceof ToolError) {
      stderr.write(`btmock: ${tool.message}\n`);
      return EXIT.USAGE;
    }
    // A defect of the tool, not a verdict on the target: status 2 with the trace to report.
    const stack = tool instanceof Error ? (tool.stack ?? tool.message) : String(tool);
    stderr.write(`btmock: INTERNAL: ${stack}\n`);
    return EXIT.USAGE;
  }
}

export async function main(argv: string[]): Promise<void> {
  const status = await runCli(argv);
  // A usage error ends at once; otherwise open handles (a running mock) decide when to stop.
  if (status === EXIT.USAGE) process.exit(status);
  process.exitCode = status;
}

const invokedDirectly =
  import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('cli.ts');
if (invokedDirectly) await main(process.argv);
