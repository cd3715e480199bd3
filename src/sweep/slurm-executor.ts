/**
 * Runs trials as one Slurm job array (`sbatch --array`), task N = trial N, each in its run directory on the
 * shared filesystem. Progress is read from each trial's events.jsonl as the job writes it; states come from
 * `squeue`; the outcome from report.json. Cancelling the sweep runs `scancel` on the array. A task that Slurm
 * ends without a finished run (scancel from elsewhere, time limit, memory, preemption, node failure) is recorded
 * as failed with Slurm's reason, ready for `--retry`.
 */
import * as path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { writeArrayScript } from '../slurm/batch-script';
import { EventsFollower } from '../trainer/run/events-follower';
import { trialProgress } from './trial-progress';
import { type ExecutorContext, type ExecutorHooks, settleOutcome, type SweepExecutor, type TrialJob } from './executor';
import { FINAL_STATES, sbatch, scancel, type SlurmJobState, squeue } from '../slurm/scheduler-commands';
import { sealRunDir } from '../trainer/run/seal-run';
import { explainSlurmEnd } from '../slurm/job-end';
import { resourceFlags, type SlurmResources } from '../slurm/resources';
import { EVENTS_FILE, SLURM_DIR } from '../core/runs/layout';
import { readTrialOutcome, type TrialOutcome } from './trial-outcome';

export interface SlurmExecutorOptions {
  readonly sweepDir: string;
  /** File name of each trial's derived config inside its run directory. */
  readonly configName: string;
  readonly resources: SlurmResources;
  /** Most array tasks running at once (`--array=...%N`); absent: as many as the cluster gives. */
  readonly maxRunning?: number;
  readonly jobName: string;
  readonly pollMs?: number;
}

/** How long a task may be missing from squeue (just submitted, or forgotten) before it counts as ended. */
const MISSING_GRACE_MS = 30_000;
/** How long to wait for report.json after Slurm says a task ended (shared filesystems cache attributes). */
const REPORT_GRACE_MS = 5_000;

const LIVE_STATES: ReadonlySet<string> = new Set([
  'PENDING',
  'CONFIGURING',
  'RUNNING',
  'COMPLETING',
  'SUSPENDED',
  'REQUEUED',
  'REQUEUE_HOLD',
  'RESIZING',
  'SIGNALING',
  'STAGE_OUT',
]);

interface Tracked {
  readonly job: TrialJob;
  task: string;
  readonly follower: EventsFollower;
  started: boolean;
  readonly since: number;
  endedAt?: number;
}

export class SlurmExecutor implements SweepExecutor {
  constructor(private readonly options: SlurmExecutorOptions) {}

  async run(jobs: readonly TrialJob[], hooks: ExecutorHooks, context: ExecutorContext): Promise<void> {
    const tracked = new Map<string, Tracked>();
    const track = (job: TrialJob, task: string): void => {
      tracked.set(job.id, {
        job,
        task,
        follower: new EventsFollower(path.join(job.runDir, EVENTS_FILE)),
        started: false,
        since: Date.now(),
      });
    };
    // Tasks of an earlier submission still queued or running (the previous `distillery sweep` was interrupted): follow them.
    const earlier = [...new Set(jobs.map((j) => j.liveJobId?.split('_')[0]).filter((id): id is string => !!id))];
    const earlierStates = await squeue(earlier, context.env);
    const toSubmit: TrialJob[] = [];
    for (const job of jobs) {
      const live = job.liveJobId ? earlierStates.get(job.liveJobId) : undefined;
      if (live && LIVE_STATES.has(live.state)) track(job, live.id);
      else toSubmit.push(job);
    }
    if (toSubmit.length > 0 && !context.signal.aborted) {
      const script = writeArrayScript(this.options.sweepDir, context.trainer, context.seed, this.options.configName);
      const array =
        toSubmit.map((j) => j.index).join(',') + (this.options.maxRunning ? `%${this.options.maxRunning}` : '');
      const jobId = await sbatch(
        script,
        [
          `--array=${array}`,
          `--job-name=${this.options.jobName}`,
          `--output=${path.join(this.options.sweepDir, SLURM_DIR, '%A_%a.out')}`,
          ...resourceFlags(this.options.resources),
        ],
        context.env,
      );
      for (const job of toSubmit) track(job, `${jobId}_${job.index}`);
      hooks.submitted?.(
        toSubmit.map((j) => ({ id: j.id, jobId: `${jobId}_${j.index}` })),
        jobId,
      );
    } else {
      for (const job of toSubmit)
        hooks.finished(job.id, {
          status: 'cancelled',
          error: 'the sweep was cancelled before this trial was submitted',
        });
    }
    const arrayIds = (): string[] => [...new Set([...tracked.values()].map((t) => t.task.split('_')[0]!))];
    let cancelRequested = false;
    const cancel = (): void => {
      cancelRequested = true;
      scancel(arrayIds(), context.env).catch(() => {
        /* the monitor loop sees the jobs' states either way */
      });
    };
    context.signal.addEventListener('abort', cancel, { once: true });
    if (context.signal.aborted && !cancelRequested) cancel();
    try {
      while (tracked.size > 0) {
        await delay(this.options.pollMs ?? 500);
        const states = await squeue(arrayIds(), context.env);
        for (const entry of [...tracked.values()]) {
          const outcome = this.poll(entry, states.get(entry.task), hooks, context);
          if (!outcome) continue;
          tracked.delete(entry.job.id);
          hooks.finished(entry.job.id, outcome);
        }
      }
    } finally {
      context.signal.removeEventListener('abort', cancel);
    }
  }

  /** One look at one task: reports its start and progress; returns its outcome once it has ended. */
  private poll(
    entry: Tracked,
    state: SlurmJobState | undefined,
    hooks: ExecutorHooks,
    context: ExecutorContext,
  ): TrialOutcome | undefined {
    for (const event of entry.follower.poll()) {
      if (event.type === 'start' && !entry.started) {
        entry.started = true;
        hooks.started(entry.job.id, { jobId: entry.task });
      }
      const progress = trialProgress(event);
      if (progress) hooks.progress(entry.job.id, progress.message, progress.epoch, progress.epochs);
    }
    if (state?.state === 'RUNNING' && !entry.started) {
      entry.started = true;
      hooks.started(entry.job.id, { jobId: entry.task });
    }
    const ended = state ? FINAL_STATES.has(state.state) : Date.now() - entry.since > MISSING_GRACE_MS;
    if (!ended) return undefined;
    const why = explainSlurmEnd(entry.task, state, this.options.resources);
    const outcome = readTrialOutcome(entry.job.runDir, context.metric, context.split);
    if (outcome) return settleOutcome(outcome, context.signal.aborted, why);
    entry.endedAt ??= Date.now();
    if (entry.started && Date.now() - entry.endedAt < REPORT_GRACE_MS) return undefined;
    const sealed: TrialOutcome = context.signal.aborted
      ? {
          status: 'cancelled',
          error: `the sweep was cancelled (${entry.task} ${entry.started ? 'was killed before writing a report' : 'never started'})`,
        }
      : { status: 'failed', error: `${why}; see ${path.join(this.options.sweepDir, SLURM_DIR, `${entry.task}.out`)}` };
    sealRunDir(
      entry.job.runDir,
      entry.job.configFile,
      sealed.status === 'cancelled' ? 'cancelled' : 'failed',
      sealed.error!,
    );
    return sealed;
  }
}
