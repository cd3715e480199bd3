/** Diagnostic vocabulary shared by the CLI, the language server, the panel and the trainer's pre-flight check. */

/** 0-based line and UTF-16 character, as in LSP. */
export interface Position {
  readonly line: number;
  readonly character: number;
}
export interface Range {
  readonly start: Position;
  readonly end: Position;
}
export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export const ERROR_CODES = [
  'yaml-syntax',
  'unknown-key',
  'missing-key',
  'type',
  'range',
  'missing-file',
  'unknown-layer',
  'shape-mismatch',
  'ambiguous-alpha',
] as const;
export const RISK_CODES = [
  'risk/capacity-gap',
  'risk/no-compression',
  'risk/temperature',
  'risk/weights',
  'risk/small-transfer-set',
  'risk/no-validation',
  'risk/no-baseline',
  'risk/aggressive-pruning',
  'risk/aggressive-quantization',
  'risk/class-imbalance',
  'risk/sweep-on-test',
  'risk/sweep-budget',
  'risk/coarse-target',
  'risk/ignored-setting',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
export type RiskCode = (typeof RISK_CODES)[number];
export type DiagnosticCode = ErrorCode | RiskCode;

/** A quick fix: a titled set of edits to the config text. */
export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** The fix an editor may apply automatically ("preferred" in LSP). */
  readonly preferred?: boolean;
}

export interface Diagnostic {
  readonly range: Range;
  readonly severity: Severity;
  readonly code: DiagnosticCode;
  readonly message: string;
  /** Where a risk's threshold comes from (paper or practice); shown in hover and the panel. */
  readonly source?: string;
  readonly fixes?: readonly Fix[];
}

export function isRisk(code: DiagnosticCode): code is RiskCode {
  return code.startsWith('risk/');
}

export const ZERO_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.code.localeCompare(b.code)
  );
}
