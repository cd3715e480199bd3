/**
 * Code lenses at the top of a config: start training, show the comparison, and the last run's result
 * ("student 97.1% / teacher 98.0%, model.onnx 12.3 KiB (12.0× smaller)", the final model named: quantized,
 * pruned or student) read from its report.json. The commands are the extension's (see core/protocol/lsp-messages.ts); the server only supplies titles and arguments.
 */
import type { CodeLens } from 'vscode-languageserver';
import { SHOW_COMPARISON_COMMAND, START_TRAINING_COMMAND } from '../../core/protocol/lsp-messages';
import type { RunReport } from '../../core/protocol/report';
import type { ModelFacts } from '../analysis/messages';
import type { DocumentState } from '../document-state';
import type { LastRunFinder } from '../last-run';
import { reportHeadline } from '../../core/format/report-summary';

export function lastRunTitle(report: RunReport): string {
  if (report.status === 'failed') return `Last run failed: ${report.error ?? 'see its report'}`;
  if (report.status === 'cancelled') return 'Last run was cancelled';
  const headline = reportHeadline(report);
  return headline ? `Last run: ${headline}` : 'Last run: no student result';
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
