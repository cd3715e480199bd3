/**
 * The Slurm path of `distillery train`: `--executor slurm` (with `--partition`, `--time`, `--cpus`, `--mem`)
 * submits the run as one batch job and follows it, printing the same events as a local run. train.ts calls
 * `takeExecutorArgs` first and hands the run here when the executor is Slurm.
 */
import * as path from 'node:path';
import { UsageError, type CliIo } from '../command';
import { cancelOnSignals } from '../cancel-on-signals';
import { runEventLogLine } from '../../core/format/run-event-text';
import { REPORT_MARKDOWN_FILE } from '../../core/runs/layout';
import { parseTrainArgs } from '../../trainer/train-args';
import { splitOption } from '../../core/text/command-line';
import type { SlurmResources } from '../../slurm/resources';
import { SweepError } from '../../core/sweep-error';
import { trainOnSlurm } from '../../slurm/train-on-slurm';
import { DEFAULT_SEARCH_TASKS } from '../../slurm/search-array';

export interface ExecutorChoice {
  readonly executor: 'local' | 'slurm';
  readonly resources: SlurmResources;
  /** `--search-tasks N`: array tasks of the compression search (default: as many as it has groups, at most 4). */
  readonly searchTasks?: number;
  /** The arguments left for the ordinary train options. */
  readonly rest: readonly string[];
}

const SLURM_FLAGS = ['--partition', '--time', '--cpus', '--mem', '--search-tasks'];

export const EXECUTOR_USAGE = [
  '  --executor local|slurm  local (default): train in this process; slurm: submit one batch job (sbatch) and follow it',
  '  --partition P, --time T, --cpus N, --mem M   Slurm resources of the job (with --executor slurm)',
  '  --search-tasks N  with --executor slurm and a compression.target: spread the search over N array tasks',
  `                    (default ${DEFAULT_SEARCH_TASKS}, at most one per pruning group; 1: the whole run in one job)`,
];

export function takeExecutorArgs(args: readonly string[]): ExecutorChoice {
  const rest: string[] = [];
  const values = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = splitOption(arg);
    if (flag !== '--executor' && !SLURM_FLAGS.includes(flag)) {
      rest.push(arg);
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined || value === '' || value.startsWith('--')) throw new UsageError(`${flag} needs a value.`);
    values.set(flag, value);
  }
  const executor = values.get('--executor') ?? 'local';
  if (executor !== 'local' && executor !== 'slurm')
    throw new UsageError(`--executor must be local or slurm, not '${executor}'.`);
  const slurmOnly = SLURM_FLAGS.filter((f) => values.has(f));
  if (executor === 'local' && slurmOnly.length)
    throw new UsageError(`${slurmOnly.join(', ')} only apply with --executor slurm.`);
  const cpus = values.get('--cpus');
  if (cpus !== undefined && !/^[1-9]\d*$/.test(cpus))
    throw new UsageError(`--cpus must be a whole number >= 1, not '${cpus}'.`);
  const searchTasks = values.get('--search-tasks');
  if (searchTasks !== undefined && !/^[1-9]\d*$/.test(searchTasks))
    throw new UsageError(`--search-tasks must be a whole number >= 1, not '${searchTasks}'.`);
  return {
    executor,
    rest,
    ...(searchTasks ? { searchTasks: Number(searchTasks) } : {}),
    resources: {
      ...(values.has('--partition') ? { partition: values.get('--partition')! } : {}),
      ...(values.has('--time') ? { time: values.get('--time')! } : {}),
      ...(cpus ? { cpus: Number(cpus) } : {}),
      ...(values.has('--mem') ? { mem: values.get('--mem')! } : {}),
    },
  };
}

export async function trainOnSlurmFromCli(choice: ExecutorChoice, io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseTrainArgs(choice.rest);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (parsed.resume) throw new UsageError('--resume is not available with --executor slurm: resubmit the run instead.');
  const cancellation = cancelOnSignals();
  try {
    const result = await trainOnSlurm(path.resolve(io.cwd, parsed.config), {
      ...(parsed.runDir ? { runDir: path.resolve(io.cwd, parsed.runDir) } : {}),
      ...(parsed.seed === undefined ? {} : { seed: parsed.seed }),
      resources: choice.resources,
      ...(choice.searchTasks ? { searchTasks: choice.searchTasks } : {}),
      signal: cancellation.signal,
      onSubmitted: (jobId) => {
        if (!parsed.json) io.stdout.write(`submitted Slurm job ${jobId}\n`);
      },
      onSearchArray: (jobs) => {
        if (!parsed.json)
          io.stdout.write(
            `submitted the compression search as array ${jobs.array} (${jobs.tasks} tasks, after ${jobs.first}) and merge job ${jobs.merge}\n`,
          );
      },
      onEvent: (event) => {
        if (parsed.json) {
          io.stdout.write(`${JSON.stringify(event)}\n`);
          return;
        }
        const line = runEventLogLine(event, 'on Slurm');
        if (line) io.stdout.write(`${line}\n`);
      },
    });
    if (result.status !== 'done')
      io.stderr.write(`distillery train: Slurm job ${result.jobId} ${result.status}: ${result.error ?? ''}\n`);
    else if (!parsed.json) io.stdout.write(`report: ${path.join(result.runDir, REPORT_MARKDOWN_FILE)}\n`);
    return result.status === 'done' ? 0 : result.status === 'cancelled' ? 130 : 1;
  } catch (error) {
    if (error instanceof SweepError) {
      io.stderr.write(`distillery train: ${error.message}\n${error.hint ? `${error.hint}\n` : ''}`);
      return 1;
    }
    throw error;
  } finally {
    cancellation.dispose();
  }
}
