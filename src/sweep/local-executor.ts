/**
 * Runs trials as child processes of this machine, at most `parallel` at a time (default: one per core).
 * Progress comes from each trainer's `--json` event stream on stdout; the outcome from its report.json.
 * Cancelling sends SIGTERM (the trainer's graceful cancel) to every running trial, SIGKILL after a grace.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { parseRunEvent } from '../core/protocol/run-events';
import { REPORT_FILE, TRAINER_STDERR_FILE } from '../core/runs/layout';
import { trialProgress } from './trial-progress';
import { type ExecutorContext, type ExecutorHooks, settleOutcome, type SweepExecutor, type TrialJob } from './executor';
import { sealRunDir } from '../trainer/run/seal-run';
import { trainerArgs } from '../trainer/trainer-command';
import { readTrialOutcome, type TrialOutcome } from './trial-outcome';

const KILL_GRACE_MS = 15_000;
const STDERR_TAIL = 2000;

export const defaultParallelism = (): number => Math.max(1, os.availableParallelism());

export class LocalExecutor implements SweepExecutor {
  constructor(private readonly parallel = defaultParallelism()) {}

  async run(jobs: readonly TrialJob[], hooks: ExecutorHooks, context: ExecutorContext): Promise<void> {
    const queue = [...jobs];
    const running = new Set<ChildProcess>();
    const onAbort = (): void => {
      for (const child of running) {
        child.kill('SIGTERM');
        setTimeout(() => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        }, KILL_GRACE_MS).unref();
      }
    };
    context.signal.addEventListener('abort', onAbort, { once: true });
    const worker = async (): Promise<void> => {
      for (let job = queue.shift(); job; job = queue.shift()) {
        if (context.signal.aborted) {
          hooks.finished(job.id, { status: 'cancelled', error: 'the sweep was cancelled before this trial started' });
          continue;
        }
        hooks.finished(job.id, await this.runOne(job, hooks, context, running));
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.max(1, Math.min(this.parallel, jobs.length)) }, worker));
    } finally {
      context.signal.removeEventListener('abort', onAbort);
    }
  }

  private runOne(
    job: TrialJob,
    hooks: ExecutorHooks,
    context: ExecutorContext,
    running: Set<ChildProcess>,
  ): Promise<TrialOutcome> {
    return new Promise((resolve) => {
      const child = spawn(
        context.trainer.node,
        trainerArgs(context.trainer, job.configFile, job.runDir, context.seed),
        {
          cwd: job.runDir,
          env: context.env,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      running.add(child);
      hooks.started(job.id, {});
      let stderr = '';
      const log = fs.createWriteStream(path.join(job.runDir, TRAINER_STDERR_FILE));
      child.stderr.on('data', (chunk: Buffer) => {
        log.write(chunk);
        stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_TAIL);
      });
      // A trainer that refuses to start (bad config, unusable --run-dir) says why only in its `failed` event.
      let failure: string | undefined;
      createInterface({ input: child.stdout }).on('line', (line) => {
        const event = parseRunEvent(line);
        if (event?.type === 'failed') failure = `${event.error}${event.hint ? ` ${event.hint}` : ''}`;
        const progress = event && trialProgress(event);
        if (progress) hooks.progress(job.id, progress.message, progress.epoch, progress.epochs);
      });
      let settled = false;
      const settle = (outcome: TrialOutcome): void => {
        if (settled) return;
        settled = true;
        running.delete(child);
        log.end();
        resolve(outcome);
      };
      child.on('error', (error) =>
        settle({ status: 'failed', error: `could not start the trainer: ${error.message}` }),
      );
      child.on('close', (code, signal) => {
        const outcome = readTrialOutcome(job.runDir, context.metric, context.split);
        const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        if (!outcome) {
          const detail = failure ?? stderr.trim().split('\n').slice(-3).join(' | ');
          const ended: TrialOutcome = context.signal.aborted
            ? { status: 'cancelled', error: `the sweep was cancelled; the trainer ${how} before writing a report` }
            : {
                status: 'failed',
                error: `the trainer ${how} without writing ${REPORT_FILE}${detail ? `: ${detail}` : ''}`,
              };
          sealRunDir(job.runDir, job.configFile, ended.status === 'cancelled' ? 'cancelled' : 'failed', ended.error!);
          settle(ended);
          return;
        }
        settle(
          settleOutcome(outcome, context.signal.aborted, `the trainer was stopped from outside the sweep (${how})`),
        );
      });
    });
  }
}
