/**
 * Text -> YAML document (with recovery) -> schema validation -> a best-effort, defaulted DistillConfig.
 * Pure and synchronous: never touches the file system and never evaluates anything from the text.
 */
import { type Document, LineCounter } from 'yaml';
import { compareDiagnostics, type Diagnostic } from '../diagnostics';
import { distillSchema } from '../schema/distill-schema';
import type { DataSource, DistillConfig } from './types';
import { SourceMap } from './source-map';
import { validateNode } from './validate';
import { RESERVED_KEYS } from './reserved-keys';
import { parseYaml, type YamlParser } from './yaml-document';
import { formatInteger } from '../format/numbers';

/**
 * Syntax errors listed per document: a broken flow collection can make the parser report one per token to the
 * end of the file (75,000 in a fuzzed config), which no one reads and every editor has to carry.
 */
export const MAX_SYNTAX_DIAGNOSTICS = 100;

export interface ParsedConfig {
  readonly text: string;
  readonly document: Document.Parsed;
  readonly sourceMap: SourceMap;
  /** Best effort: invalid or missing values replaced by defaults. Only trust it fully when `hasErrors` is false. */
  readonly config: DistillConfig;
  /** Syntax and schema diagnostics (semantic and risk rules come from analyze). */
  readonly diagnostics: readonly Diagnostic[];
  readonly hasErrors: boolean;
}

function normalizeSource(raw: unknown): DataSource {
  if (typeof raw === 'string')
    return { kind: 'bundled', name: raw as Extract<DataSource, { kind: 'bundled' }>['name'] };
  if (raw && typeof raw === 'object') {
    const o = raw as Record<string, unknown>;
    if (typeof o.csv === 'string')
      return { kind: 'csv', csv: o.csv, label: String(o.label ?? ''), in_memory: o.in_memory === true };
    if (typeof o.images === 'string')
      return {
        kind: 'images',
        images: o.images,
        size: Number(o.size ?? 32),
        grayscale: o.grayscale === true,
        in_memory: o.in_memory === true,
      };
  }
  return { kind: 'bundled', name: 'mnist' };
}

/** `yaml` is the YAML layer: the language server passes its `IncrementalYaml` so unchanged sections are reused. */
export function parseConfig(text: string, yaml: YamlParser = parseYaml): ParsedConfig {
  const document = yaml(text);
  // The parser's own counter misses line breaks inside unterminated flow collections, so positions are
  // computed from a counter that sees every '\n' (the fuzz test in test/core found ranges past line ends).
  const allLines = new LineCounter();
  allLines.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) allLines.addNewLine(i + 1);
  const sourceMap = new SourceMap(allLines, text.length);
  const diagnostics: Diagnostic[] = [];
  for (const error of document.errors.slice(0, MAX_SYNTAX_DIAGNOSTICS)) {
    const [start, end] = error.pos;
    diagnostics.push({
      range: sourceMap.rangeOf(start, Math.max(end, start + 1)),
      severity: 'error',
      code: 'yaml-syntax',
      message: `YAML syntax: ${error.message.split('\n')[0]}`,
    });
  }
  const unlisted = document.errors.length - MAX_SYNTAX_DIAGNOSTICS;
  if (unlisted > 0) {
    const [start, end] = document.errors[MAX_SYNTAX_DIAGNOSTICS]!.pos;
    diagnostics.push({
      range: sourceMap.rangeOf(start, Math.max(end, start + 1)),
      severity: 'error',
      code: 'yaml-syntax',
      message: `YAML syntax: ${formatInteger(unlisted)} more syntax errors from here on are not listed (the first ${MAX_SYNTAX_DIAGNOSTICS} are).`,
    });
  }
  const contents = document.contents;
  const root = contents ?? null;
  if (root?.range)
    sourceMap.record({
      path: [],
      valueRange: sourceMap.rangeOf(root.range[0], root.range[1]),
      startOffset: root.range[0],
      endOffset: root.range[1],
    });
  const hasContent = text.trim().length > 0 && !(root && 'value' in root && root.value === null);
  let raw: unknown;
  if (!hasContent) {
    diagnostics.push({
      range: sourceMap.rangeOf(0, 0),
      severity: 'error',
      code: 'missing-key',
      message: 'The config is empty: it needs at least `version`, `data`, `teacher` and `student`.',
    });
  } else {
    raw = validateNode(
      root,
      distillSchema,
      [],
      sourceMap.rangeOf(0, Math.min(text.length, text.indexOf('\n') < 0 ? text.length : text.indexOf('\n'))),
      {
        sourceMap,
        diagnostics,
        reservedKeys: RESERVED_KEYS,
      },
    );
  }
  const plain = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const data = (plain.data ?? {}) as Record<string, unknown>;
  const config = {
    ...plain,
    version: 1,
    data: {
      split: { validation: 0.1, test: 0.2, seed: 42 },
      unlabeled: 0,
      ...data,
      source: normalizeSource(data.source),
    },
    teacher: plain.teacher ?? { training: {} },
    student: plain.student ?? {},
    distillation: { features: [], ...(plain.distillation as object | undefined) },
  } as unknown as DistillConfig;
  diagnostics.sort(compareDiagnostics);
  return { text, document, sourceMap, config, diagnostics, hasErrors: diagnostics.some((d) => d.severity === 'error') };
}
