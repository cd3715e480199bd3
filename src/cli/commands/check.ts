/** `distillery check PATH...`: lint configs (files or folders) and exit non-zero on errors. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeConfig } from '../../core/analysis/analyze';
import { nodeFileSystem, readTextFile } from '../../node/file-system';
import type { Diagnostic } from '../../core/diagnostics';
import { splitOption } from '../../core/text/command-line';
import { type CliCommand, UsageError } from '../command';
import { findConfigFiles } from '../find-configs';
import { stripTerminalEscapes } from '../../core/format/terminal-text';

export interface CheckedDiagnostic {
  readonly file: string;
  readonly range: Diagnostic['range'];
  readonly severity: Diagnostic['severity'];
  readonly code: Diagnostic['code'];
  readonly message: string;
}

interface CheckOptions {
  readonly paths: string[];
  readonly format: 'text' | 'json';
  readonly strict: boolean;
}

function parseArgs(args: readonly string[]): CheckOptions {
  const paths: string[] = [];
  let format: 'text' | 'json' = 'text';
  let strict = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = splitOption(arg);
    if (arg === '--strict') strict = true;
    else if (flag === '--format') {
      const value = inline ?? args[++i];
      if (value !== 'text' && value !== 'json')
        throw new UsageError(`--format must be text or json, not ${value ?? 'nothing'}.`);
      format = value;
    } else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}.`);
    else paths.push(arg);
  }
  if (paths.length === 0) throw new UsageError('give at least one config file or folder.');
  return { paths, format, strict };
}

const SEVERITY_ORDER: Readonly<Record<Diagnostic['severity'], number>> = {
  error: 0,
  warning: 1,
  information: 2,
  hint: 3,
};

function formatText(results: readonly CheckedDiagnostic[], files: number): string {
  const lines = results.map(
    (d) => `${d.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity} ${d.code}: ${d.message}`,
  );
  const errors = results.filter((d) => d.severity === 'error').length;
  const warnings = results.filter((d) => d.severity === 'warning').length;
  lines.push(
    `${files} config${files === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}.`,
  );
  return `${lines.join('\n')}\n`;
}

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'Check distillation configs for errors and risks.',
  usage: [
    'Usage: distillery check PATH... [--format text|json] [--strict]',
    '',
    'Checks *.distill.yaml / *.distill.yml files (folders are searched recursively).',
    '  --format text|json  text (default): one line per finding; json: an array of',
    '                      { file, range, severity, code, message } with 0-based lines.',
    '  --strict            warnings fail the check too.',
    'Exit code: 0 clean, 1 errors (or warnings with --strict), 2 usage error.',
  ].join('\n'),
  async run(args, io) {
    const options = parseArgs(args);
    const files: string[] = [];
    const results: CheckedDiagnostic[] = [];
    const shownPath = (file: string): string => path.relative(io.cwd, file) || file;
    // A file or folder that cannot be read is one finding among the others, never the end of the check.
    const unreadable = (file: string, error: unknown): void => {
      results.push({
        file: shownPath(file),
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: 'error',
        code: 'missing-file',
        message: `Cannot read it: ${error instanceof Error ? error.message : String(error)}`,
      });
    };
    for (const given of options.paths) {
      const absolute = path.resolve(io.cwd, given);
      if (!fs.existsSync(absolute)) throw new UsageError(`${given}: no such file or folder.`);
      files.push(...findConfigFiles(absolute, unreadable));
    }
    // A rule that crashes reports nothing but is told on stderr, apart from the findings on stdout.
    const stderrLog = { error: (message: string): void => void io.stderr.write(`${message}\n`) };
    for (const file of files) {
      let text: string;
      try {
        text = readTextFile(file, 'config');
      } catch (error) {
        unreadable(file, error);
        continue;
      }
      const shown = shownPath(file);
      for (const d of analyzeConfig(text, file, nodeFileSystem, { log: stderrLog }).diagnostics) {
        results.push({ file: shown, range: d.range, severity: d.severity, code: d.code, message: d.message });
      }
    }
    results.sort(
      (a, b) =>
        a.file.localeCompare(b.file) ||
        a.range.start.line - b.range.start.line ||
        SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity],
    );
    io.stdout.write(
      options.format === 'json'
        ? `${JSON.stringify(results, null, 2)}\n`
        : stripTerminalEscapes(formatText(results, files.length)),
    );
    const failing = results.some((d) => d.severity === 'error' || (options.strict && d.severity === 'warning'));
    return failing ? 1 : 0;
  },
};
