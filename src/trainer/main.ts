#!/usr/bin/env node
/**
 * `node dist/trainer.js CONFIG --run-dir DIR [--json] [--seed N] [--resume]`: the training process the
 * extension spawns. With --json, stdout carries only the JSON events (one per line); diagnostics go to stderr.
 */
import { runEventLogLine } from '../core/format/run-event-text';
import { routeConsoleToStderr } from './backend/quiet-stdout';
import { runTraining } from './engine';
import { cancelOnClosedOutput, cancelOnSignals } from './run/cancellation';
import { parseTrainArgs } from './train-args';

async function main(): Promise<number> {
  routeConsoleToStderr();
  let args;
  try {
    args = parseTrainArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(
      `trainer: ${error instanceof Error ? error.message : String(error)}\nUsage: trainer CONFIG [--run-dir DIR] [--json] [--seed N] [--resume]\n`,
    );
    return 2;
  }
  const cancellation = cancelOnSignals();
  cancelOnClosedOutput(process.stdout, cancellation);
  const outcome = await runTraining({
    configPath: args.config,
    ...(args.runDir ? { runDir: args.runDir } : {}),
    ...(args.seed === undefined ? {} : { seed: args.seed }),
    resume: args.resume,
    cancellation,
    onEvent: (event) => {
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
  });
  cancellation.dispose();
  return outcome.exitCode;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`trainer: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
