/**
 * Re-use of a top-level section's validation across versions of one document. `IncrementalYaml` hands back
 * the very same YAML node for a section whose text did not change; its schema check (value, diagnostics,
 * node locations) depends only on that node, so it is kept per node and, when an edit above moved the
 * section, moved with it (offsets and lines shifted; characters stay, a section starts at column 0). A new
 * node (a full parse, a changed section) misses and is validated as usual.
 */
import type { Node } from 'yaml';
import type { Diagnostic, Range } from '../diagnostics';
import { type NodeLocation, pathKey, type SourceMap } from './source-map';

interface SectionValidation {
  readonly offset: number;
  readonly line: number;
  readonly value: unknown;
  readonly diagnostics: readonly Diagnostic[];
  readonly locations: readonly NodeLocation[];
  /** `pathKey` of each location, computed once. */
  readonly keys: readonly string[];
}

/** Keyed by the YAML node: entries go when the node does (the parser dropped the section). */
const validated = new WeakMap<Node, SectionValidation>();

const shiftRange = (range: Range, lines: number): Range =>
  lines === 0
    ? range
    : {
        start: { line: range.start.line + lines, character: range.start.character },
        end: { line: range.end.line + lines, character: range.end.character },
      };

function shiftDiagnostic(diagnostic: Diagnostic, lines: number): Diagnostic {
  if (lines === 0) return diagnostic;
  return {
    ...diagnostic,
    range: shiftRange(diagnostic.range, lines),
    ...(diagnostic.fixes
      ? {
          fixes: diagnostic.fixes.map((fix) => ({
            ...fix,
            edits: fix.edits.map((edit) => ({ ...edit, range: shiftRange(edit.range, lines) })),
          })),
        }
      : {}),
  };
}

const shiftLocation = (location: NodeLocation, lines: number, offset: number): NodeLocation => ({
  ...location,
  ...(location.keyRange ? { keyRange: shiftRange(location.keyRange, lines) } : {}),
  valueRange: shiftRange(location.valueRange, lines),
  startOffset: location.startOffset + offset,
  endOffset: location.endOffset + offset,
});

/** Every range a section's diagnostics touch lies inside the section (fixes included): safe to move with it. */
function insideLines(diagnostics: readonly Diagnostic[], first: number, last: number): boolean {
  const inside = (range: Range): boolean => range.start.line >= first && range.end.line <= last;
  return diagnostics.every(
    (d) => inside(d.range) && (d.fixes ?? []).every((f) => f.edits.every((e) => inside(e.range))),
  );
}

/** `validate` checks the section's value node, recording into `sourceMap` and pushing into `diagnostics`. */
export function validateSection(
  node: Node,
  sourceMap: SourceMap,
  diagnostics: Diagnostic[],
  validate: () => unknown,
): unknown {
  const [offset, end] = node.range ?? [0, 0];
  const line = sourceMap.positionAt(offset).line;
  const cached = validated.get(node);
  if (cached) {
    const lines = line - cached.line;
    const moved =
      lines === 0 && offset === cached.offset
        ? cached
        : {
            offset,
            line,
            value: cached.value,
            diagnostics: cached.diagnostics.map((d) => shiftDiagnostic(d, lines)),
            locations: cached.locations.map((l) => shiftLocation(l, lines, offset - cached.offset)),
            keys: cached.keys,
          };
    validated.set(node, moved);
    diagnostics.push(...moved.diagnostics);
    moved.locations.forEach((location, i) => sourceMap.record(location, moved.keys[i]));
    return moved.value;
  }
  const before = diagnostics.length;
  const locations = sourceMap.capture(validate);
  const value = locations.result;
  const own = diagnostics.slice(before);
  if (insideLines(own, line, sourceMap.positionAt(end).line))
    validated.set(node, {
      offset,
      line,
      value,
      diagnostics: own,
      locations: locations.recorded,
      keys: locations.recorded.map((l) => pathKey(l.path)),
    });
  return value;
}
