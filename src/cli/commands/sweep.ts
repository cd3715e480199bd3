/**
 * `distillery sweep CONFIG`: runs the config's `sweep` section, locally (parallel child processes) or as one
 * Slurm job array, into a sweep directory with sweep.json. Running it again resumes; Ctrl-C cancels the trials
 * (scancel on Slurm) and leaves every run directory consistent.
 */
import * as path from 'node:path';
import { describeSweepEvent } from '../../core/format/sweep-event-text';
import type { SweepEvent, SweepIndex } from '../../core/protocol/sweep';
import { runSweep, type SweepRunOptions } from '../../sweep/run-sweep';
import { SweepError } from '../../core/sweep-error';
import { splitOption } from '../../core/text/command-line';
import { type CliCommand, type CliIo, UsageError } from '../command';
import { cancelOnSignals } from '../cancel-on-signals';
import { formatSweepTable } from './sweep-table';

interface SweepArgs extends Omit<SweepRunOptions, 'signal' | 'onEvent'> {
  readonly config: string;
  readonly json: boolean;
}

const VALUE_FLAGS = [
  '--executor',
  '--parallel',
  '--partition',
  '--time',
  '--cpus',
  '--mem',
  '--retry',
  '--sweep-dir',
  '--node',
] as const;

function wholeNumber(flag: string, text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1)
    throw new UsageError(`${flag} must be a whole number >= 1, not '${text}'.`);
  return Number(text);
}

export function parseSweepArgs(args: readonly string[]): SweepArgs {
  const values = new Map<string, string>();
  const positional: string[] = [];
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--json') {
      json = true;
      continue;
    }
    const [flag, inline] = splitOption(arg);
    if ((VALUE_FLAGS as readonly string[]).includes(flag)) {
      const value = inline ?? args[++i];
      if (value === undefined || value === '') throw new UsageError(`${flag} needs a value.`);
      values.set(flag, value);
    } else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}.`);
    else positional.push(arg);
  }
  if (positional.length !== 1)
    throw new UsageError(
      positional.length
        ? `give one config, not ${positional.length}.`
        : 'give the config whose `sweep` section to run.',
    );
  const executor = values.get('--executor') ?? 'local';
  if (executor !== 'local' && executor !== 'slurm')
    throw new UsageError(`--executor must be local or slurm, not '${executor}'.`);
  const slurmOnly = ['--partition', '--time', '--cpus', '--mem'].filter((f) => values.has(f));
  if (executor === 'local' && slurmOnly.length)
    throw new UsageError(`${slurmOnly.join(', ')} only apply with --executor slurm.`);
  const get = (flag: string): string | undefined => values.get(flag);
  return {
    config: positional[0]!,
    json,
    executor,
    ...(get('--parallel') ? { parallel: wholeNumber('--parallel', get('--parallel')!) } : {}),
    ...(get('--retry') ? { retry: get('--retry')! } : {}),
    ...(get('--sweep-dir') ? { sweepDir: get('--sweep-dir')! } : {}),
    ...(get('--node') ? { trainerNode: get('--node')! } : {}),
    slurm: {
      ...(get('--partition') ? { partition: get('--partition')! } : {}),
      ...(get('--time') ? { time: get('--time')! } : {}),
      ...(get('--cpus') ? { cpus: wholeNumber('--cpus', get('--cpus')!) } : {}),
      ...(get('--mem') ? { mem: get('--mem')! } : {}),
    },
  };
}

/** The log shows the start and each trial's changes; per-epoch progress and the end (the table follows) are left out. */
function describeEvent(event: SweepEvent): string | undefined {
  if (event.type === 'sweep-start') return describeSweepEvent(event);
  if (event.type === 'trial') return `  ${describeSweepEvent(event)}`;
  return undefined;
}

const exitCode = (index: SweepIndex): number => (index.status === 'done' ? 0 : index.status === 'cancelled' ? 130 : 1);

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const options = parseSweepArgs(args);
  const cancellation = cancelOnSignals();
  const write = (event: SweepEvent): void => {
    if (options.json) {
      io.stdout.write(`${JSON.stringify(event)}\n`);
      return;
    }
    const line = describeEvent(event);
    if (line) io.stdout.write(`${line}\n`);
  };
  try {
    const index = await runSweep(path.resolve(io.cwd, options.config), {
      ...options,
      signal: cancellation.signal,
      onEvent: write,
    });
    if (!options.json) io.stdout.write(formatSweepTable(index));
    return exitCode(index);
  } catch (error) {
    if (error instanceof SweepError) {
      io.stderr.write(`distillery sweep: ${error.message}\n${error.hint ? `${error.hint}\n` : ''}`);
      return 1;
    }
    throw error;
  } finally {
    cancellation.dispose();
  }
}

export const sweepCommand: CliCommand = {
  name: 'sweep',
  summary: "Run the config's hyperparameter sweep, locally or as a Slurm job array.",
  usage: [
    'Usage: distillery sweep CONFIG [--executor local|slurm] [--parallel N] [--retry TRIAL] [--sweep-dir DIR] [--node PATH] [--json]',
    '                              [--partition P] [--time T] [--cpus N] [--mem M]',
    '',
    "Runs every trial of the config's `sweep` section as an ordinary run directory under one sweep directory",
    '(default: OUTPUT/<config name>-sweep) indexed by sweep.json. Running it again resumes: finished trials are',
    'skipped. Ctrl-C cancels the running trials (scancel on Slurm).',
    '  --executor local|slurm  local (default): child processes here; slurm: one `sbatch --array` job array.',
    '  --parallel N            local: trials at once (default: the cores); slurm: most array tasks at once.',
    '  --retry TRIAL           re-run only this trial (id like trial-003, or its index).',
    '  --sweep-dir DIR         where the sweep lives (to keep several sweeps of one config).',
    '  --node PATH             Node.js that runs each trial (default: this one; on Slurm it must exist on the nodes).',
    '  --partition P, --time T, --cpus N, --mem M',
    '                          Slurm resources per trial (sbatch --partition/--time/--cpus-per-task/--mem).',
    '  --json                  progress as JSON lines (sweep-start, trial, trial-progress, sweep-end).',
    'Exit code: 0 every trial done, 1 a trial failed or the sweep could not run, 130 cancelled, 2 usage error.',
  ].join('\n'),
  run,
};
