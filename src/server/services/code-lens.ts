/**
 * Code lenses at the top of a config: start training, show the comparison, and the last run's result
 * ("student 97.1% / teacher 98.0%, 12.0× smaller") read from its report.json. The commands are the
 * extension's (see core/protocol/lsp-messages.ts); the server only supplies titles and arguments.
 */
import type { CodeLens } from 'vscode-languageserver';
import { SHOW_COMPARISON_COMMAND, START_TRAINING_COMMAND } from '../../core/protocol/lsp-messages';
import type { ModelResult, RunReport } from '../../core/protocol/report';
import type { ModelFacts } from '../analysis/messages';
import type { DocumentState } from '../document-state';
import type { LastRunFinder } from '../last-run';
import { formatBytes } from '../../core/format/bytes';
import { formatPercent } from '../../core/format/percent';
import { formatRatio } from '../../core/format/ratio';
import { exportName, shippedSize } from '../../core/report/shipped-size';

/** The smallest deliverable student the run produced: quantized, else pruned, else the distilled one. */
function finalStudent(report: RunReport): ModelResult | undefined {
  return report.quantized ?? report.pruned ?? report.student;
}

export function lastRunTitle(report: RunReport): string {
  if (report.status === 'failed') return `Last run failed: ${report.error ?? 'see its report'}`;
  if (report.status === 'cancelled') return 'Last run was cancelled';
  const student = finalStudent(report);
  const teacher = report.teacher;
  if (!student) return 'Last run: no student result';
  const parts = [`student ${formatPercent(student.metrics.accuracy)}`];
  if (teacher) parts.push(`teacher ${formatPercent(teacher.metrics.accuracy)}`);
  // Sizes only of shipped files: a run without exports (made before them) quotes none.
  const shipped = shippedSize(report);
  const size = shipped
    ? `, ${exportName(shipped.export)} ${formatBytes(shipped.export.bytes)}${shipped.ratio ? ` (${formatRatio(shipped.ratio)} smaller)` : ''}`
    : '';
  return `Last run: ${parts.join(' / ')}${size}`;
}

/** The first line with a top-level key (found in the text: lenses are asked for on every edit, so no parse). */
function firstKeyLine(state: DocumentState): number {
  const { lines } = state;
  for (let i = 0; i < lines.lines.length; i++) {
    if (lines.indentOf(i) === 0 && !(lines.lines[i] ?? '').startsWith('---')) return i;
  }
  return 0;
}

/** `facts` is the newest analysis (for `output`); without one, runs are looked for in the default folder. */
export function codeLenses(state: DocumentState, facts: ModelFacts | undefined, runs: LastRunFinder): CodeLens[] {
  const line = firstKeyLine(state);
  const range = { start: { line, character: 0 }, end: { line, character: 0 } };
  const lenses: CodeLens[] = [
    { range, command: { title: '$(play) Start training', command: START_TRAINING_COMMAND, arguments: [state.uri] } },
    { range, command: { title: 'Show comparison', command: SHOW_COMPARISON_COMMAND, arguments: [state.uri] } },
  ];
  const last = runs.find(state.configPath, facts?.config.output || 'runs');
  if (last) {
    lenses.push({
      range,
      command: {
        title: lastRunTitle(last.report),
        command: SHOW_COMPARISON_COMMAND,
        arguments: [state.uri, last.directory],
      },
    });
  }
  return lenses;
}
