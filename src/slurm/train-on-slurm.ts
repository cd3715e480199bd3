/**
 * `distillery train --executor slurm`: one ordinary run submitted as one Slurm batch job, or, when its config
 * has a compression search (`compression.target`), as a first job, a job array over the search points and a
 * merge job (./search-array.ts). The run directory must be on a filesystem the compute nodes share; progress
 * is followed from its events.jsonl, cancelling runs `scancel`, and a run that Slurm ends without a finished
 * report is reported failed with Slurm's reason. Exported for src/cli/commands/train.ts and the extension's
 * Run on Cluster command.
 */
import * as path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { nodeFileSystem } from '../node/file-system';
import type { RunReport, RunStatus } from '../core/protocol/report';
import type { RunEvent } from '../core/protocol/run-events';
import { EVENTS_FILE, SLURM_DIR } from '../core/runs/layout';
import { readRunReport, type RunReportRead } from '../core/runs/read-report';
import { planRunDir } from '../trainer/run/run-location';
import { writeRunScript } from './batch-script';
import { type SearchArrayJobs, SearchArrayFollower, searchArrayTasks, submitSearchArray } from './search-array';
import { sealRunDir } from '../trainer/run/seal-run';
import { EventsFollower } from '../trainer/run/events-follower';
import { FINAL_STATES, sbatch, scancel, squeue } from './scheduler-commands';
import { explainSlurmEnd } from './job-end';
import { checkSlurmResources, resourceFlags, type SlurmResources } from './resources';
import { defaultTrainerCommand, type TrainerCommand } from '../trainer/trainer-command';
import * as fs from 'node:fs';

export interface SlurmRunOptions {
  /** Run directory (default: the trainer's own choice, a new folder under the config's `output`). */
  readonly runDir?: string;
  readonly seed?: number;
  readonly resources?: SlurmResources;
  readonly signal?: AbortSignal;
  /** Environment of the Slurm commands (PATH decides which `sbatch` runs). */
  readonly env?: NodeJS.ProcessEnv;
  readonly trainer?: TrainerCommand;
  /** Every trainer event, as it appears in events.jsonl. */
  readonly onEvent?: (event: RunEvent) => void;
  readonly onSubmitted?: (jobId: string) => void;
  /** Array tasks of the compression search (default: search-array's DEFAULT_SEARCH_TASKS); 1: the whole run in one job. */
  readonly searchTasks?: number;
  /** The search's array and merge jobs, once submitted (after onSubmitted). */
  readonly onSearchArray?: (jobs: SearchArrayJobs) => void;
  readonly pollMs?: number;
}

export interface SlurmRunResult {
  readonly jobId: string;
  readonly runDir: string;
  readonly status: RunStatus;
  /** The trainer's report, when it wrote one. */
  readonly report?: RunReport;
  readonly error?: string;
  /** The search's array and merge jobs when the run had them. */
  readonly searchArray?: SearchArrayJobs;
}

const REPORT_GRACE_MS = 5_000;

function readReport(runDir: string): RunReportRead {
  return readRunReport(nodeFileSystem, runDir);
}

export async function trainOnSlurm(configFile: string, options: SlurmRunOptions = {}): Promise<SlurmRunResult> {
  const env = options.env ?? process.env;
  const resources = checkSlurmResources(options.resources ?? {});
  const trainer = options.trainer ?? defaultTrainerCommand();
  const configPath = path.resolve(configFile);
  const runDir = planRunDir(configPath, options.runDir);
  fs.mkdirSync(runDir, { recursive: true });
  const flags = (output: string): string[] => [
    `--job-name=distillery-${path.basename(runDir)}`,
    `--output=${path.join(runDir, SLURM_DIR, output)}`,
    ...resourceFlags(resources),
  ];
  const tasks = searchArrayTasks(configPath, options.searchTasks);
  const searchArray =
    tasks > 1
      ? await submitSearchArray({ runDir, trainer, configPath, seed: options.seed, flags, env }, tasks)
      : undefined;
  const jobId =
    searchArray?.first ??
    (await sbatch(writeRunScript(runDir, trainer, configPath, options.seed), flags('%j.out'), env));
  options.onSubmitted?.(jobId);
  if (searchArray) options.onSearchArray?.(searchArray);
  const jobIds = searchArray ? [searchArray.first, searchArray.array, searchArray.merge] : [jobId];
  // The job that writes the report: the merge job when there is an array.
  const lastJob = searchArray?.merge ?? jobId;
  const arrayFollower = searchArray ? new SearchArrayFollower(runDir, searchArray) : undefined;
  const follower = new EventsFollower(path.join(runDir, EVENTS_FILE));
  const cancel = (): void => {
    scancel(jobIds, env).catch(() => {
      /* the loop below sees the job end either way */
    });
  };
  options.signal?.addEventListener('abort', cancel, { once: true });
  if (options.signal?.aborted) cancel();
  const submitted = Date.now();
  const found = searchArray ? { searchArray } : {};
  let endedAt: number | undefined;
  try {
    for (;;) {
      await delay(options.pollMs ?? 500);
      for (const event of follower.poll()) options.onEvent?.(event);
      const states = await squeue(jobIds, env);
      for (const event of arrayFollower?.poll(states) ?? []) options.onEvent?.(event);
      // When the first job of an array run fails, Slurm cancels the merge job: the first job's end is the reason.
      const firstState = states.get(jobId);
      const state =
        firstState && firstState.state !== 'COMPLETED' && FINAL_STATES.has(firstState.state)
          ? firstState
          : states.get(lastJob);
      const lastState = states.get(lastJob);
      const ended = lastState ? FINAL_STATES.has(lastState.state) : Date.now() - submitted > 30_000;
      if (!ended) continue;
      const read = readReport(runDir);
      endedAt ??= Date.now();
      const waitForReport = !read.ok && read.missing && Date.now() - endedAt < REPORT_GRACE_MS;
      if (waitForReport && fs.existsSync(path.join(runDir, EVENTS_FILE))) continue;
      for (const event of follower.poll()) options.onEvent?.(event);
      const why = explainSlurmEnd(state?.id ?? lastJob, state, resources);
      const cancelled = options.signal?.aborted === true;
      if (read.ok) {
        const report = read.report;
        if (report.status === 'done') return { jobId, runDir, status: 'done', report, ...found };
        return {
          ...found,
          jobId,
          runDir,
          status: report.status === 'cancelled' && !cancelled ? 'failed' : report.status,
          report,
          error: report.status === 'cancelled' && !cancelled ? why : (report.error ?? why),
        };
      }
      // A report.json that is not a report: the run failed, for the reason core/runs gives (nothing to seal).
      if (!read.missing) return { jobId, runDir, status: 'failed', error: read.error, ...found };
      const error = cancelled
        ? 'cancelled before the trainer wrote a report'
        : `${why}; see ${path.join(runDir, SLURM_DIR, `${state?.id ?? lastJob}.out`)}`;
      sealRunDir(runDir, configPath, cancelled ? 'cancelled' : 'failed', error);
      const sealed = readReport(runDir);
      return {
        ...found,
        jobId,
        runDir,
        status: cancelled ? 'cancelled' : 'failed',
        error,
        ...(sealed.ok ? { report: sealed.report } : {}),
      };
    }
  } finally {
    options.signal?.removeEventListener('abort', cancel);
  }
}
