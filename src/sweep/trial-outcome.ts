/**
 * Reads what a finished trial left in its run directory: the status, the objective (the optimised metric on
 * the selection split, validation by default) and the test-split metrics shown beside it. The trainer's
 * report.json is the source of truth; its event log is the fallback for validation metrics that older
 * reports lack (the student's last epoch's `val_accuracy` / `val_loss`).
 */
import * as path from 'node:path';
import { nodeFileSystem } from '../node/file-system';
import type { RunReport } from '../core/protocol/report';
import { parseRunEvent, type EpochEvent } from '../core/protocol/run-events';
import { EVENTS_FILE } from '../core/runs/layout';
import { readRunReport } from '../core/runs/read-report';
import type { SweepMetric } from '../core/schema/sweep-schema';
import { readTextFile } from '../node/file-system';

export interface TrialOutcome {
  readonly status: 'done' | 'failed' | 'cancelled';
  readonly objective?: number;
  readonly metrics?: Readonly<Record<string, number>>;
  readonly error?: string;
  readonly finished?: string;
}

/** The student's last epoch on the lowest seed, from the event log (validation metrics of older reports). */
function lastStudentEpoch(runDir: string): EpochEvent | undefined {
  let text: string;
  try {
    text = readTextFile(path.join(runDir, EVENTS_FILE), 'events');
  } catch {
    return undefined;
  }
  let last: EpochEvent | undefined;
  for (const line of text.split('\n')) {
    const event = parseRunEvent(line);
    if (event?.type !== 'epoch' || event.role !== 'student') continue;
    if (last && event.seed > last.seed) continue;
    last = event;
  }
  return last;
}

function numeric(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function objectiveOf(
  report: RunReport,
  runDir: string,
  metric: SweepMetric,
  split: 'validation' | 'test',
): number | undefined {
  const student = report.student;
  if (!student) return undefined;
  if (split === 'test') return numeric(student.metrics[metric]);
  const fromReport = numeric(student.validation?.[metric]);
  if (fromReport !== undefined) return fromReport;
  const epoch = lastStudentEpoch(runDir);
  if (metric === 'accuracy') return numeric(epoch?.val_accuracy);
  if (metric === 'loss') return numeric(epoch?.val_loss);
  return undefined;
}

/** Test-split numbers of the student (and what distillation added over the baseline), for tables and charts. */
export function testMetricsOf(report: RunReport): Record<string, number> {
  const out: Record<string, number> = {};
  const student = report.student;
  if (student) {
    const m = student.metrics;
    for (const [key, value] of Object.entries({
      accuracy: m.accuracy,
      loss: m.loss,
      agreement: m.agreement,
      kl_to_teacher: m.kl_to_teacher,
      ece: m.ece,
      fgsm_accuracy: m.fgsm_accuracy,
      params: student.params,
      bytes_gzip: student.bytes_gzip,
    })) {
      const n = numeric(value);
      if (n !== undefined) out[key] = n;
    }
  }
  const baseline = numeric(report.baseline?.metrics.accuracy);
  if (baseline !== undefined) out.baseline_accuracy = baseline;
  const gain = numeric(report.distillation_gain?.mean);
  if (gain !== undefined) out.distillation_gain = gain;
  return out;
}

/**
 * Undefined while the trial has no report.json (not started, running, or killed before writing it); a failed
 * trial with core/runs' reason when its report.json is not a valid report.
 */
export function readTrialOutcome(
  runDir: string,
  metric: SweepMetric,
  split: 'validation' | 'test',
): TrialOutcome | undefined {
  const read = readRunReport(nodeFileSystem, runDir);
  if (!read.ok) return read.missing ? undefined : { status: 'failed', error: read.error };
  const report = read.report;
  const base = { finished: report.finished, metrics: testMetricsOf(report) };
  if (report.status !== 'done')
    return { ...base, status: report.status, error: report.error ?? `the run ended ${report.status}` };
  const objective = objectiveOf(report, runDir, metric, split);
  if (objective === undefined)
    return {
      ...base,
      status: 'done',
      error: `the report has no ${split} ${metric} for the student, so this trial cannot compete for best`,
    };
  return { ...base, status: 'done', objective };
}
