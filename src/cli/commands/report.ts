/** `distillery report RUN_DIR [--format text|json|markdown]`: show a run's results. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatDuration } from '../../core/format/duration';
import type { RunReport } from '../../core/protocol/report';
import { renderReportMarkdown } from '../../core/format/report-markdown';
import { resultsTable } from '../../core/format/results-table';
import { type CliCommand, UsageError } from '../command';
import { stripTerminalEscapes } from '../../core/format/terminal-text';

function readReport(file: string): RunReport {
  if (!fs.existsSync(file))
    throw new Error(`${file} not found: not a run directory, or the run is still going (see events.jsonl).`);
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file} is not valid JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
  const report = value as Partial<RunReport> | null;
  if (!report || report.schema_version !== 1 || typeof report.status !== 'string')
    throw new Error(`${file} is not a Distillery report (schema_version 1).`);
  return report as RunReport;
}

export const reportCommand: CliCommand = {
  name: 'report',
  summary: 'Show the results of a training run.',
  usage: [
    'Usage: distillery report RUN_DIR [--format text|json|markdown]',
    '',
    'Reads RUN_DIR/report.json. text (default): status and the model comparison table;',
    'json: the report as written; markdown: report.md.',
    'Exit code: 0 for a finished run, 1 for a failed or cancelled run or an unreadable report, 2 usage error.',
  ].join('\n'),
  async run(args, io) {
    let format = 'text';
    const dirs: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (arg === '--format' || arg.startsWith('--format='))
        format = arg.includes('=') ? arg.slice(9) : (args[++i] ?? '');
      else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}.`);
      else dirs.push(arg);
    }
    if (!['text', 'json', 'markdown'].includes(format))
      throw new UsageError(`--format must be text, json or markdown, not ${format || 'nothing'}.`);
    if (dirs.length !== 1) throw new UsageError('give exactly one run directory.');
    const dir = path.resolve(io.cwd, dirs[0]!);
    const report = readReport(path.join(dir, 'report.json'));
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
    }
    return report.status === 'done' ? 0 : 1;
  },
};
