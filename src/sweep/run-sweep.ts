/**
 * `distillery sweep`: prepares (or resumes) the sweep directory, picks the trials to run (everything not yet
 * done, or the one trial of `--retry`), hands them to the local or Slurm executor, and keeps sweep.json and
 * the progress events in step with every trial's start and end.
 */
import * as path from 'node:path';
import type { SweepEvent, SweepIndex, TrialStatus } from '../core/protocol/sweep';
import { TRIAL_CONFIG_FILE } from '../core/runs/layout';
import { archiveAttempt } from './archive-attempt';
import type { ExecutorHooks, SweepExecutor, TrialJob } from './executor';
import { LocalExecutor } from './local-executor';
import { prepareSweep } from './prepare-sweep';
import { squeue } from '../slurm/scheduler-commands';
import { SlurmExecutor } from './slurm-executor';
import { checkSlurmResources, type SlurmResources } from '../slurm/resources';
import { SweepError } from '../core/sweep-error';
import { defaultTrainerCommand, type TrainerCommand } from '../trainer/trainer-command';

export interface SweepRunOptions {
  readonly executor: 'local' | 'slurm';
  /** Local: trials at once (default: the cores). Slurm: most array tasks at once (default: no limit). */
  readonly parallel?: number;
  readonly slurm?: SlurmResources;
  /** Re-run this one trial (by id, e.g. `trial-003`, or index) and nothing else. */
  readonly retry?: string;
  readonly sweepDir?: string;
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: SweepEvent) => void;
  readonly trainer?: TrainerCommand;
  /** Node.js executable that runs each trial (default: this process's); must exist on Slurm's compute nodes too. */
  readonly trainerNode?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly pollMs?: number;
}

const now = (): string => new Date().toISOString();

function finalStatus(index: SweepIndex, cancelled: boolean): SweepIndex['status'] {
  if (cancelled) return 'cancelled';
  if (index.trials.every((t) => t.status === 'done')) return 'done';
  return index.trials.some((t) => t.status === 'failed') ? 'failed' : 'cancelled';
}

function counts(index: SweepIndex): Record<TrialStatus, number> {
  const out: Record<TrialStatus, number> = { pending: 0, running: 0, done: 0, failed: 0, cancelled: 0 };
  for (const t of index.trials) out[t.status]++;
  return out;
}

function findRetry(index: SweepIndex, retry: string): string {
  const byId = index.trials.find((t) => t.id === retry || (/^\d+$/.test(retry) && t.index === Number(retry)));
  if (!byId)
    throw new SweepError(
      `--retry ${retry}: no such trial in ${index.sweep_id}.`,
      `Trials: ${index.trials.map((t) => `${t.id} (${t.status})`).join(', ')}.`,
    );
  return byId.id;
}

export async function runSweep(configFile: string, options: SweepRunOptions): Promise<SweepIndex> {
  const env = options.env ?? process.env;
  const signal = options.signal ?? new AbortController().signal;
  const resources = checkSlurmResources(options.slurm ?? {});
  if (options.parallel !== undefined && (!Number.isInteger(options.parallel) || options.parallel < 1))
    throw new SweepError(`--parallel must be a whole number >= 1 (got ${options.parallel}).`);
  const trainer = options.trainer ?? defaultTrainerCommand(options.trainerNode);
  const prepared = prepareSweep(configFile, options.executor, options.sweepDir);
  const { store } = prepared;
  const emit = (event: SweepEvent): void => options.onEvent?.(event);
  const chosen = options.retry
    ? [findRetry(store.current, options.retry)]
    : store.current.trials.filter((t) => t.status !== 'done').map((t) => t.id);

  // Slurm tasks of an interrupted earlier `distillery sweep` that are still queued or running are followed, not resubmitted.
  const recorded = store.current.trials.filter(
    (t) => chosen.includes(t.id) && t.job_id && (t.status === 'pending' || t.status === 'running'),
  );
  const live =
    options.executor === 'slurm' && recorded.length > 0
      ? await squeue([...new Set(recorded.map((t) => t.job_id!.split('_')[0]!))], env)
      : new Map<string, { state: string }>();
  const isLive = (jobId: string | undefined): boolean =>
    !!jobId && ['PENDING', 'RUNNING', 'CONFIGURING', 'COMPLETING', 'SUSPENDED'].includes(live.get(jobId)?.state ?? '');

  const jobs: TrialJob[] = chosen.map((id) => {
    const trial = store.trial(id)!;
    const runDir = path.join(store.dir, trial.run_dir);
    if (isLive(trial.job_id))
      return {
        id,
        index: trial.index,
        runDir,
        configFile: path.join(runDir, TRIAL_CONFIG_FILE),
        liveJobId: trial.job_id!,
      };
    archiveAttempt(store.dir, trial.run_dir, TRIAL_CONFIG_FILE);
    store.updateTrial(id, {
      status: 'pending',
      objective: undefined,
      metrics: undefined,
      error: undefined,
      job_id: undefined,
      started: undefined,
      finished: undefined,
    });
    return { id, index: trial.index, runDir, configFile: path.join(runDir, TRIAL_CONFIG_FILE) };
  });
  store.update({
    status: 'running',
    ...(options.executor === 'slurm' ? { slurm: { ...store.current.slurm, ...resources } } : {}),
  });
  emit({
    type: 'sweep-start',
    time: now(),
    sweep_dir: store.dir,
    executor: options.executor,
    trials: store.current.trials.length,
    to_run: chosen,
  });

  const hooks: ExecutorHooks = {
    started(id, info) {
      const before = store.trial(id);
      // Following a task that an interrupted earlier run already saw start is the same attempt, not a new one.
      const same = before?.status === 'running' && !!info.jobId && before.job_id === info.jobId;
      const trial = store.updateTrial(id, {
        status: 'running',
        started: same ? (before.started ?? now()) : now(),
        attempts: same ? before.attempts : (before?.attempts ?? 0) + 1,
        ...(info.jobId ? { job_id: info.jobId } : {}),
      });
      emit({ type: 'trial', time: now(), id, status: 'running', ...(trial.job_id ? { job_id: trial.job_id } : {}) });
    },
    progress(id, message, epoch, epochs) {
      emit({
        type: 'trial-progress',
        time: now(),
        id,
        message,
        ...(epoch === undefined ? {} : { epoch }),
        ...(epochs === undefined ? {} : { epochs }),
      });
    },
    finished(id, outcome) {
      const trial = store.updateTrial(id, {
        status: outcome.status,
        finished: outcome.finished ?? now(),
        objective: outcome.objective,
        metrics: outcome.metrics,
        error: outcome.error,
      });
      emit({
        type: 'trial',
        time: now(),
        id,
        status: trial.status,
        ...(trial.objective === undefined ? {} : { objective: trial.objective }),
        ...(trial.error ? { error: trial.error } : {}),
        ...(trial.job_id ? { job_id: trial.job_id } : {}),
      });
    },
    submitted(tasks, arrayJobId) {
      for (const task of tasks) store.updateTrial(task.id, { job_id: task.jobId });
      store.update({ slurm: { ...store.current.slurm, ...resources, job_id: arrayJobId } });
    },
  };
  const executor: SweepExecutor =
    options.executor === 'slurm'
      ? new SlurmExecutor({
          sweepDir: store.dir,
          configName: TRIAL_CONFIG_FILE,
          resources,
          jobName: `distillery-${path.basename(store.dir)}`,
          ...(options.parallel ? { maxRunning: options.parallel } : {}),
          ...(options.pollMs ? { pollMs: options.pollMs } : {}),
        })
      : new LocalExecutor(options.parallel);
  let failure: unknown;
  try {
    await executor.run(jobs, hooks, {
      trainer,
      seed: prepared.sweep.seed,
      metric: prepared.sweep.metric,
      split: prepared.sweep.split,
      signal,
      env,
    });
  } catch (error) {
    failure = error;
  }
  // Whatever happened, no trial is left looking as if it still ran.
  const reason = failure instanceof Error ? failure.message : 'the sweep stopped before this trial finished';
  for (const job of jobs) {
    const trial = store.trial(job.id);
    if (trial && (trial.status === 'running' || trial.status === 'pending'))
      store.updateTrial(job.id, { status: failure ? 'failed' : 'cancelled', finished: now(), error: reason });
  }
  store.update({ status: failure ? 'failed' : finalStatus(store.current, signal.aborted) });
  if (failure) throw failure;
  emit({
    type: 'sweep-end',
    time: now(),
    status: store.current.status,
    sweep_dir: store.dir,
    ...(store.current.best ? { best: store.current.best } : {}),
    counts: counts(store.current),
  });
  return store.current;
}
