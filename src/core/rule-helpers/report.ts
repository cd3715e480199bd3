/** Small helpers every rule uses to build diagnostics at config paths. */
import type { RuleContext } from '../analysis/rule';
import type { Problem } from '../analysis/problem';
import type { ConfigPath } from '../config/source-map';
import type { Diagnostic, DiagnosticCode, Fix, TextEdit } from '../diagnostics';

export interface RiskDetails {
  readonly source: string;
  readonly fixes?: readonly (Fix | undefined)[];
  /** Underline the key rather than its value. */
  readonly atKey?: boolean;
}

export function rangeAt(ctx: RuleContext, path: ConfigPath, atKey = false): Diagnostic['range'] {
  return atKey ? ctx.parsed.sourceMap.keyRange(path) : ctx.parsed.sourceMap.valueRange(path);
}

/** The first of `paths` present in the text, else the last one (its nearest recorded ancestor is used). */
export function firstPresent(ctx: RuleContext, ...paths: ConfigPath[]): ConfigPath {
  return paths.find((p) => ctx.parsed.sourceMap.has(p)) ?? paths[paths.length - 1]!;
}

export function fix(title: string, edits: readonly (TextEdit | undefined)[], preferred = false): Fix | undefined {
  const real = edits.filter((e): e is TextEdit => e !== undefined);
  if (real.length !== edits.length || real.length === 0) return undefined;
  return { title, edits: real, ...(preferred ? { preferred } : {}) };
}

export function risk(
  ctx: RuleContext,
  code: DiagnosticCode,
  path: ConfigPath,
  message: string,
  details: RiskDetails,
): Diagnostic {
  const fixes = (details.fixes ?? []).filter((f): f is Fix => f !== undefined);
  return {
    range: rangeAt(ctx, path, details.atKey),
    severity: 'warning',
    code,
    message,
    source: details.source,
    ...(fixes.length ? { fixes } : {}),
  };
}

export function error(
  ctx: RuleContext,
  code: DiagnosticCode,
  path: ConfigPath,
  message: string,
  fixes: readonly (Fix | undefined)[] = [],
  atKey = false,
): Diagnostic {
  const real = fixes.filter((f): f is Fix => f !== undefined);
  return {
    range: rangeAt(ctx, path, atKey),
    severity: 'error',
    code,
    message,
    ...(real.length ? { fixes: real } : {}),
  };
}

/** Findings from the dataset and model summaries that carry `code`, as error diagnostics. */
export function problemsWithCode(ctx: RuleContext, code: DiagnosticCode): Diagnostic[] {
  return ctx.problems
    .filter((p: Problem) => p.code === code)
    .map((p) => error(ctx, code, p.path, p.message, [], p.atKey));
}
