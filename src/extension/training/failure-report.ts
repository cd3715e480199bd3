/**
 * When the trainer dies without writing its own terminal event (killed, crashed, never started), the supervisor
 * writes the `failed` report itself so the run still shows up, with its reason, in Open Run and the panel.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RunReport } from '../../core/protocol/report';
import { reportPathOf } from '../../core/runs/read-report';

export interface FailureReportInput {
  readonly runDir: string;
  readonly configPath: string;
  readonly started: Date;
  readonly finished: Date;
  readonly backend?: string;
  readonly error: string;
  readonly hint?: string;
  readonly status: 'failed' | 'cancelled';
}

export function buildFailureReport(input: FailureReportInput): RunReport {
  return {
    schema_version: 1,
    run_id: path.basename(input.runDir),
    status: input.status,
    error: input.error,
    ...(input.hint ? { hint: input.hint } : {}),
    config_path: input.configPath,
    started: input.started.toISOString(),
    finished: input.finished.toISOString(),
    backend: input.backend ?? 'unknown',
    durations: { total: (input.finished.getTime() - input.started.getTime()) / 1000 },
    distillation_gain: null,
    warnings: [],
  };
}

/** Writes report.json unless the trainer already wrote one (its report knows more than we do). */
export function writeFailureReportIfMissing(input: FailureReportInput): string | undefined {
  const reportPath = reportPathOf(input.runDir);
  if (fs.existsSync(reportPath)) return undefined;
  try {
    fs.mkdirSync(input.runDir, { recursive: true });
    fs.writeFileSync(reportPath, `${JSON.stringify(buildFailureReport(input), null, 2)}\n`);
    return reportPath;
  } catch {
    // The run dir may be unwritable (that can be the very reason the run failed); the failure is still shown.
    return undefined;
  }
}
