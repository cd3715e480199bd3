/** `distillery report RUN_DIR [--format text|json|markdown]`: show a run's results. */
import * as path from 'node:path';
import { formatDuration } from '../../core/format/duration';
import { renderReportMarkdown } from '../../core/format/report-markdown';
import { resultsTable } from '../../core/format/results-table';
import { shippedLatencyLines } from '../../core/format/shipped-latency-text';
import { REPORT_FILE, REPORT_MARKDOWN_FILE } from '../../core/runs/layout';
import { readRunReport } from '../../core/runs/read-report';
import { nodeFileSystem } from '../../node/file-system';
import { readFormatAndPositionals } from '../format-option';
import { type CliCommand, UsageError } from '../command';
import { stripTerminalEscapes } from '../../core/format/terminal-text';

export const reportCommand: CliCommand = {
  name: 'report',
  summary: 'Show the results of a training run.',
  usage: [
    'Usage: distillery report RUN_DIR [--format text|json|markdown]',
    '',
    `Reads RUN_DIR/${REPORT_FILE}. text (default): status and the model comparison table;`,
    `json: the report as written; markdown: ${REPORT_MARKDOWN_FILE}.`,
    'Exit code: 0 for a finished run, 1 for a failed or cancelled run or an unreadable report, 2 usage error.',
  ].join('\n'),
  async run(args, io) {
    const { format, positionals: dirs } = readFormatAndPositionals(args, ['text', 'json', 'markdown']);
    if (dirs.length !== 1) throw new UsageError('give exactly one run directory.');
    const dir = path.resolve(io.cwd, dirs[0]!);
    const read = readRunReport(nodeFileSystem, dir);
    // An unreadable report (missing, cut off, or not a report) is never shown as a result: exit 1 with why
    // (the reason may quote the file's own keys, so it is stripped of terminal escapes like the report's text).
    if (!read.ok) throw new Error(`${stripTerminalEscapes(read.error)}.`);
    const report = read.report;
    // Every string of the report came from a file: text and markdown are stripped of terminal escapes (JSON escapes them).
    const print = (text: string): void => {
      io.stdout.write(stripTerminalEscapes(text));
    };
    if (format === 'json') io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else if (format === 'markdown') print(renderReportMarkdown(report));
    else {
      print(
        `run ${report.run_id}: ${report.status} (backend ${report.backend}, ${formatDuration(report.durations.total)})\n`,
      );
      if (report.error) print(`error: ${report.error}\n`);
      if (report.hint) print(`hint: ${report.hint}\n`);
      if (report.teacher) print(`\n${resultsTable(report)}`);
      const latency = shippedLatencyLines(report.shipped_latency);
      if (latency.length) print(`\n${latency.join('\n')}\n`);
    }
    return report.status === 'done' ? 0 : 1;
  },
};
