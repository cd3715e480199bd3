#!/usr/bin/env node
/**
 * `node dist/trainer.js CONFIG --run-dir DIR [--json] [--seed N] [--resume]`: the training process the
 * extension spawns. With --json, stdout carries only the JSON events (one per line); diagnostics go to stderr.
 * Two more options are the steps of a search spread over a Slurm job array (src/slurm/train-on-slurm.ts):
 * `--stop-before-search` (the first job) and `--search-share I/N` (array task I of N; run/search-share.ts).
 */
import { runEventLogLine } from '../core/format/run-event-text';
import type { RunEvent } from '../core/protocol/run-events';
import { routeConsoleToStderr } from './backend/quiet-stdout';
import { runTraining } from './engine';
import { cancelOnClosedOutput, cancelOnSignals } from './run/cancellation';
import { TrainerError } from './run/errors';
import { runSearchShare } from './run/search-share';
import { parseTrainArgs, takeSearchStepArgs } from './train-args';

async function main(): Promise<number> {
  routeConsoleToStderr();
  let args;
  let step;
  try {
    step = takeSearchStepArgs(process.argv.slice(2));
    args = parseTrainArgs(step.rest);
    if (step.share && (!args.runDir || args.resume))
      throw new Error(
        '--search-share needs the --run-dir of the run (and no --resume: the task resumes its own copy).',
      );
  } catch (error) {
    process.stderr.write(
      `trainer: ${error instanceof Error ? error.message : String(error)}\nUsage: trainer CONFIG [--run-dir DIR] [--json] [--seed N] [--resume] [--stop-before-search | --search-share I/N]\n`,
    );
    return 2;
  }
  const cancellation = cancelOnSignals();
  cancelOnClosedOutput(process.stdout, cancellation);
  const options = {
    configPath: args.config,
    ...(args.seed === undefined ? {} : { seed: args.seed }),
    cancellation,
    ...(step.stopBeforeSearch ? { stopBeforeSearch: true } : {}),
    onEvent: (event: RunEvent): void => {
      if (args.json) {
        process.stdout.write(`${JSON.stringify(event)}\n`);
        // Also on stderr: where stdout is discarded (a Slurm job's output) the reason must still reach a log.
        if (event.type === 'failed')
          process.stderr.write(`trainer: failed: ${event.error}${event.hint ? `\nhint: ${event.hint}` : ''}\n`);
      } else {
        const line = runEventLogLine(event);
        if (line !== undefined) process.stderr.write(`${line}\n`);
      }
    },
  };
  const outcome =
    step.share && args.runDir
      ? await runSearchShare({ ...options, runDir: args.runDir, share: step.share })
      : await runTraining({ ...options, ...(args.runDir ? { runDir: args.runDir } : {}), resume: args.resume });
  cancellation.dispose();
  return outcome.exitCode;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // A TrainerError (e.g. an array task given a run with no trained student) is the user's to act on: no stack.
    const text =
      error instanceof TrainerError
        ? `${error.message}${error.hint ? `\nhint: ${error.hint}` : ''}`
        : error instanceof Error
          ? (error.stack ?? error.message)
          : String(error);
    process.stderr.write(`trainer: ${text}\n`);
    process.exitCode = 1;
  },
);
