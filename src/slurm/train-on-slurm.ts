/**
 * `distillery train --executor slurm`: one ordinary run submitted as one Slurm batch job. The run directory
 * must be on a filesystem the compute nodes share; progress is followed from its events.jsonl, cancelling runs
 * `scancel`, and a job that Slurm ends without a finished run is reported failed with Slurm's reason.
 * Exported for src/cli/commands/train.ts and the extension's Run on Cluster command.
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
  readonly pollMs?: number;
}

export interface SlurmRunResult {
  readonly jobId: string;
  readonly runDir: string;
  readonly status: RunStatus;
  /** The trainer's report, when it wrote one. */
  readonly report?: RunReport;
  readonly error?: string;
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
  const script = writeRunScript(runDir, trainer, configPath, options.seed);
  const jobId = await sbatch(
    script,
    [
      `--job-name=distillery-${path.basename(runDir)}`,
      `--output=${path.join(runDir, SLURM_DIR, '%j.out')}`,
      ...resourceFlags(resources),
    ],
    env,
  );
  options.onSubmitted?.(jobId);
  const follower = new EventsFollower(path.join(runDir, EVENTS_FILE));
  const cancel = (): void => {
    scancel([jobId], env).catch(() => {
      /* the loop below sees the job end either way */
    });
  };
  options.signal?.addEventListener('abort', cancel, { once: true });
  if (options.signal?.aborted) cancel();
  const submitted = Date.now();
  let endedAt: number | undefined;
  try {
    for (;;) {
      await delay(options.pollMs ?? 500);
      for (const event of follower.poll()) options.onEvent?.(event);
      const state = (await squeue([jobId], env)).get(jobId);
      const ended = state ? FINAL_STATES.has(state.state) : Date.now() - submitted > 30_000;
      if (!ended) continue;
      const read = readReport(runDir);
      endedAt ??= Date.now();
      const waitForReport = !read.ok && read.missing && Date.now() - endedAt < REPORT_GRACE_MS;
      if (waitForReport && fs.existsSync(path.join(runDir, EVENTS_FILE))) continue;
      for (const event of follower.poll()) options.onEvent?.(event);
      const why = explainSlurmEnd(jobId, state, resources);
      const cancelled = options.signal?.aborted === true;
      if (read.ok) {
        const report = read.report;
        if (report.status === 'done') return { jobId, runDir, status: 'done', report };
        return {
          jobId,
          runDir,
          status: report.status === 'cancelled' && !cancelled ? 'failed' : report.status,
          report,
          error: report.status === 'cancelled' && !cancelled ? why : (report.error ?? why),
        };
      }
      // A report.json that is not a report: the run failed, for the reason core/runs gives (nothing to seal).
      if (!read.missing) return { jobId, runDir, status: 'failed', error: read.error };
      const error = cancelled
        ? 'cancelled before the trainer wrote a report'
        : `${why}; see ${path.join(runDir, SLURM_DIR, `${jobId}.out`)}`;
      sealRunDir(runDir, configPath, cancelled ? 'cancelled' : 'failed', error);
      const sealed = readReport(runDir);
      return {
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
