/**
 * When a trainer dies without finishing its run directory (SIGKILL after Slurm's KillWait, the kernel's OOM
 * killer, a node failure), the sweep completes the record the way the trainer would have: a terminal event at
 * the end of events.jsonl and a report.json with the status and the reason. Every run directory then reads
 * the same way, whoever ended it. Directories where the trainer never started are left as they are.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RunReport } from '../../core/protocol/report';
import { parseRunEvent, TERMINAL_EVENTS, type RunEvent } from '../../core/protocol/run-events';
import { EVENTS_FILE, REPORT_FILE } from '../../core/runs/layout';
import { readTextFile } from '../../node/file-system';

export function sealRunDir(
  runDir: string,
  configFile: string,
  status: 'failed' | 'cancelled',
  reason: string,
): boolean {
  const eventsFile = path.join(runDir, EVENTS_FILE);
  const reportFile = path.join(runDir, REPORT_FILE);
  if (!fs.existsSync(eventsFile) || fs.existsSync(reportFile)) return false;
  const events = readTextFile(eventsFile, 'events')
    .split('\n')
    .map(parseRunEvent)
    .filter((e): e is RunEvent => e !== undefined);
  const start = events.find((e) => e.type === 'start');
  const time = new Date().toISOString();
  const last = events[events.length - 1];
  if (!last || !TERMINAL_EVENTS.has(last.type)) {
    const terminal: RunEvent =
      status === 'cancelled' ? { type: 'cancelled', time, reason } : { type: 'failed', time, error: reason };
    // A killed writer may have left half a line: start the terminal event on a line of its own.
    const text = readTextFile(eventsFile, 'events');
    fs.appendFileSync(
      eventsFile,
      `${text.length > 0 && !text.endsWith('\n') ? '\n' : ''}${JSON.stringify(terminal)}\n`,
    );
  }
  const report: RunReport = {
    schema_version: 1,
    run_id: path.basename(runDir),
    status,
    error: reason,
    hint:
      status === 'failed'
        ? 'Re-run this trial alone with `distillery sweep CONFIG --retry ID`.'
        : 'Run the sweep again to resume it.',
    config_path: configFile,
    started: start?.time ?? time,
    finished: time,
    backend: start?.type === 'start' ? start.backend : 'unknown',
    durations: {},
    distillation_gain: null,
    warnings: [
      'The trainer was stopped before it could write this report; `distillery sweep` wrote it from what the run directory held.',
    ],
  };
  const temporary = `${reportFile}.partial`;
  fs.writeFileSync(temporary, `${JSON.stringify(report, null, 2)}\n`);
  fs.renameSync(temporary, reportFile);
  return true;
}
