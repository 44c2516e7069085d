import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../server/cli.js';
import { TOOL_ERRORS } from '../server/errors.js';

const BIN = fileURLToPath(new URL('../bin/btmock.js', import.meta.url));
const PRA_SCHEMA = fileURLToPath(new URL('../schemas/pra-reporting.xsd', import.meta.url));
const TARGET = ['--client-id', 'id', '--client-secret', 'secret'];

/** The CLI in this process: its exit status and what it printed on stderr. */
async function cli(...args: string[]): Promise<{ status: number; stderr: string }> {
  let stderr = '';
  const status = await runCli(['node', 'btmock', ...args], { write: (t: string) => (stderr += t) });
  return { status, stderr };
}

/** The real binary in a child process, for the statuses the shell sees. */
function binary(...args: string[]): { status: number; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync('node', [BIN, ...args], { encoding: 'utf8', stdio: 'pipe' });
    return { status: 0, stdout, stderr: '' };
  } catch (err) {
    const e = err as { status: number; stdout: string; stderr: string };
    return { status: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}

/** One `btmock: CODE: detail` line whose code is in the registry. */
function expectOneToolLine(stderr: string, code: keyof typeof TOOL_ERRORS): void {
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^btmock: ${code}: \\S`));
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('exit statuses of the CLI', () => {
  it('a --target that is no URL is one BAD_OPTION line and status 2, not a stack trace', () => {
    const run = binary('contract', '--target', 'not-a-url', ...TARGET);
    expect(run.status).toBe(2);
    expectOneToolLine(run.stderr, 'BAD_OPTION');
    expect(run.stderr).toContain('not-a-url');
  });

  it('a --target with another scheme than http(s) is refused by contract, capture and drift', async () => {
    for (const args of [
      ['contract', '--target', 'ftp://support.example.com', ...TARGET],
      ['capture', '--target', 'ftp://support.example.com', ...TARGET, '--out', 'x'],
      ['drift', '--target', 'ftp://support.example.com'],
    ]) {
      const run = await cli(...args);
      expect(run.status, args[0]).toBe(2);
      expectOneToolLine(run.stderr, 'BAD_OPTION');
    }
  });

  it('a missing mandatory option is one USAGE line and status 2', async () => {
    const run = await cli('contract', ...TARGET);
    expect(run.status).toBe(2);
    expectOneToolLine(run.stderr, 'USAGE');
    expect(run.stderr).toContain('--target');
  });

  it('an unknown --report-types value is one BAD_OPTION line naming it, status 2', async () => {
    const run = await cli(
      'contract',
      '--target',
      'http://127.0.0.1:1',
      ...TARGET,
      '--report-types',
      'SupportSession,Nope',
    );
    expect(run.status).toBe(2);
    expectOneToolLine(run.stderr, 'BAD_OPTION');
    expect(run.stderr).toContain('Nope');
  });

  it('a number option that is no number is status 2, in every sub-command', async () => {
    for (const args of [
      ['contract', '--target', 'http://127.0.0.1:1', ...TARGET, '--rate', 'fast'],
      ['capture', '--target', 'http://127.0.0.1:1', ...TARGET, '--out', 'x', '--duration', '-5'],
      ['contract', '--target', 'http://127.0.0.1:1', ...TARGET, '--window-end', 'yesterday'],
    ]) {
      const run = await cli(...args);
      expect(run.status, args.join(' ')).toBe(2);
      expectOneToolLine(run.stderr, 'BAD_OPTION');
    }
  });

  it('an unknown command or option is one USAGE line and status 2', async () => {
    for (const args of [
      ['nope'],
      ['drift', '--frobnicate'],
      ['serve', '--product', 'x', 'extra'],
    ]) {
      const run = await cli(...args);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr.trimEnd().split('\n').at(-1)).toMatch(/^btmock: (USAGE|BAD_OPTION): /);
    }
  });

  it('an invalid choice is a BAD_OPTION, status 2', async () => {
    const run = await cli(
      'contract',
      '--target',
      'http://127.0.0.1:1',
      ...TARGET,
      '--product',
      'xyz',
    );
    expect(run.status).toBe(2);
    expectOneToolLine(run.stderr, 'BAD_OPTION');
  });

  it('a tool error thrown by a command keeps status 2', async () => {
    const run = await cli('drift');
    expect(run.status).toBe(2);
    expectOneToolLine(run.stderr, 'BAD_OPTION');
  });

  it('--help and --version exit 0, for the program and a sub-command', () => {
    for (const args of [['--help'], ['contract', '--help'], ['--version']]) {
      const run = binary(...args);
      expect(run.status, args.join(' ')).toBe(0);
      expect(run.stdout.length).toBeGreaterThan(0);
    }
    expect(binary('--version').stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('drift found is status 1, a verdict rather than a usage error', () => {
    const run = binary('drift', '--schema', PRA_SCHEMA);
    expect(run.status).toBe(1);
    expect(run.stdout).not.toBe('');
  });
});
