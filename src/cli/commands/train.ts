/** `distillery train CONFIG [--run-dir DIR] [--json] [--seed N] [--resume]`: the training engine in this process. */
import * as path from 'node:path';
import { progressBarLine } from '../../core/format/progress-bar';
import { resultsTable } from '../../core/format/results-table';
import { runEventLogLine } from '../../core/format/run-event-text';
import type { RunEvent } from '../../core/protocol/run-events';
import { REPORT_MARKDOWN_FILE } from '../../core/runs/layout';
import { routeConsoleToStderr } from '../../trainer/backend/quiet-stdout';
import { runTraining } from '../../trainer/engine';
import { cancelOnClosedOutput, cancelOnSignals } from '../../trainer/run/cancellation';
import { parseTrainArgs } from '../../trainer/train-args';
import { EXECUTOR_USAGE, takeExecutorArgs, trainOnSlurmFromCli } from './train-slurm';
import { type CliCommand, type CliIo, UsageError } from '../command';
import { stripTerminalEscapes } from '../../core/format/terminal-text';

function textListener(io: CliIo): (event: RunEvent) => void {
  const tty = io.stdout.isTTY === true;
  let lineOpen = false;
  const say = (text: string): void => {
    if (lineOpen) {
      io.stdout.write('\n');
      lineOpen = false;
    }
    io.stdout.write(`${text}\n`);
  };
  return (event) => {
    if (event.type === 'epoch' && tty) {
      // A terminal redraws one bar in place; a log file or pipe gets each model's final epoch only.
      io.stdout.write(`\r${progressBarLine(event, io.stdout.columns ?? 100)}\u001b[K`);
      lineOpen = true;
      return;
    }
    const line = runEventLogLine(event);
    if (line !== undefined) say(stripTerminalEscapes(line));
  };
}

export const trainCommand: CliCommand = {
  name: 'train',
  summary: 'Train teacher, student and baseline, compress, and write a run report.',
  usage: [
    'Usage: distillery train CONFIG [--run-dir DIR] [--json] [--seed N] [--resume] [--executor local|slurm ...]',
    '',
    '  --run-dir DIR  write the run exactly there (default: <output>/<config>-<time> next to the config)',
    '  --json         print only the run events on stdout, one JSON object per line',
    '  --seed N       training seed of the first seed (default: data.split.seed)',
    '  --resume       continue the run in --run-dir from its last checkpoints',
    ...EXECUTOR_USAGE,
    'Exit code: 0 when the run is done, 1 failed, 130 cancelled (Ctrl-C: checkpoints are kept), 2 usage error.',
  ].join('\n'),
  async run(args, io) {
    const executor = takeExecutorArgs(args);
    if (executor.executor === 'slurm') return trainOnSlurmFromCli(executor, io);
    let parsed;
    try {
      parsed = parseTrainArgs(executor.rest);
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    routeConsoleToStderr();
    const cancellation = cancelOnSignals();
    cancelOnClosedOutput(io.stdout, cancellation);
    try {
      const outcome = await runTraining({
        configPath: path.resolve(io.cwd, parsed.config),
        ...(parsed.runDir ? { runDir: path.resolve(io.cwd, parsed.runDir) } : {}),
        ...(parsed.seed === undefined ? {} : { seed: parsed.seed }),
        resume: parsed.resume,
        cancellation,
        onEvent: parsed.json
          ? (event) => {
              io.stdout.write(`${JSON.stringify(event)}\n`);
            }
          : textListener(io),
      });
      if (!parsed.json && outcome.report.teacher)
        io.stdout.write(
          `\n${resultsTable(outcome.report)}\nreport: ${path.join(outcome.runDir, REPORT_MARKDOWN_FILE)}\n`,
        );
      return outcome.exitCode;
    } finally {
      cancellation.dispose();
    }
  },
};
