#!/usr/bin/env node
/** `distillery`: the command-line twin of the extension. Dispatches to one sub-command per file. */
import type { CliCommand, CliIo } from './command';
import { UsageError } from './command';
import { checkCommand } from './commands/check';
import { exportCommand } from './commands/export';
import { inspectCommand } from './commands/inspect';
import { reportCommand } from './commands/report';
import { sweepCommand } from './commands/sweep';
import { trainCommand } from './commands/train';

const commands: readonly CliCommand[] = [
  checkCommand,
  trainCommand,
  reportCommand,
  exportCommand,
  inspectCommand,
  sweepCommand,
];

function help(io: CliIo): void {
  io.stdout.write('Usage: distillery <command> [options]\n\nCommands:\n');
  for (const c of commands) io.stdout.write(`  ${c.name.padEnd(10)} ${c.summary}\n`);
  io.stdout.write('\nRun `distillery <command> --help` for its options.\n');
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    help(io);
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`distillery: unknown command '${name}'.\n`);
    help({ ...io, stdout: io.stderr });
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`distillery ${name}: ${error.message}\n\n${command.usage}\n`);
      return 2;
    }
    io.stderr.write(`distillery ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

declare const VERSION_FROM_BUILD: string | undefined;
const VERSION = typeof VERSION_FROM_BUILD === 'string' ? VERSION_FROM_BUILD : '0.1.0';

/** Runs the CLI on this process's arguments and sets its exit code (used by bin/distillery.js). */
export function runCli(): void {
  // `distillery check DIR | head -1`: a reader that went away is not a crash; `train` also stops its run politely.
  process.stdout.on('error', () => undefined);
  main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() })
    .then((code) => {
      process.exitCode = code;
    })
    .catch((error: unknown) => {
      process.stderr.write(`distillery: ${String(error)}\n`);
      process.exitCode = 1;
    });
}

if (require.main === module) runCli();
