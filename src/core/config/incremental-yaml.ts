/**
 * Re-parses only the top-level sections of a config that changed since the previous version.
 *
 * The `yaml` package's CST pass costs about 40 µs per flow-collection line (a 5,000-line config of
 * `- dense: { ... }` lines takes 150-300 ms to parse; js-yaml takes 8-20 ms but keeps no source ranges). A
 * config is a top-level block map whose sections (`teacher:`, `distillation:`, ...) start at column 0, so
 * each section is parsed on its own, cached by its text, and shifted to its new offset when an edit above it
 * moved it. An edit re-parses one section; the 5,000 layers are re-used.
 *
 * Correctness first: whenever the split could change the meaning (a section with a syntax error or warning,
 * a line at column 0 that does not start a plain `key:`, document markers or directives, a key repeated
 * across sections) the whole text is parsed in one piece, exactly as `parseYaml` does. The nodes returned
 * belong to this instance: the next `parse` may shift their ranges, so use a result before parsing again.
 */
import { type Document, isCollection, isPair, isScalar, type Node, type Pair, YAMLMap } from 'yaml';
import { parseYaml, type YamlParser } from './yaml-document';

/** A plain key at column 0 followed by `:` and a space or the line end: where a top-level section starts. */
const SECTION_START = /^[A-Za-z_][\w.-]*[ \t]*:(?:[ \t\r]|$)/;
/** A block sequence item at column 0 (`key:` then `- item` lines): still the current section's value. */
const SEQUENCE_ITEM = /^-(?:[ \t\r]|$)/;

interface Section {
  readonly text: string;
  /** Where the section's nodes currently point: shifted in place when the section moves. */
  start: number;
  readonly pairs: readonly Pair[];
  readonly range: readonly [number, number, number];
}

function shiftNode(node: unknown, delta: number): void {
  if (!node || typeof node !== 'object') return;
  const range = (node as { range?: [number, number, number] }).range;
  if (range) for (let i = 0; i < range.length; i++) range[i] = range[i]! + delta;
  if (isPair(node)) {
    shiftNode(node.key, delta);
    shiftNode(node.value, delta);
  } else if (isCollection(node)) {
    for (const item of node.items) shiftNode(item, delta);
  }
}

/** Splits the text into sections, or returns undefined when it is not a plain top-level block map. */
function splitSections(text: string): { start: number; end: number }[] | undefined {
  const starts: number[] = [];
  for (let lineStart = 0; lineStart < text.length;) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    const first = text[lineStart];
    const continues = first === '#' || first === ' ' || first === '\t' || first === '\r' || first === '\n';
    if (!continues) {
      const line = text.slice(lineStart, lineEnd);
      if (!SEQUENCE_ITEM.test(line)) {
        if (!SECTION_START.test(line)) return undefined;
        // Comment lines above a key stay with the section before: only its own parse can tell whether
        // they end that section's last value (the parser's ranges depend on it).
        starts.push(starts.length === 0 ? 0 : lineStart);
      }
    }
    lineStart = lineEnd + 1;
  }
  if (starts.length === 0) return undefined;
  return starts.map((start, i) => ({ start, end: starts[i + 1] ?? text.length }));
}

export class IncrementalYaml {
  private sections = new Map<string, Section>();

  constructor(private readonly fullParse: YamlParser = parseYaml) {}

  readonly parse: YamlParser = (text) => this.parseSections(text) ?? this.fullParse(text);

  private parseSections(text: string): Document.Parsed | undefined {
    const spans = splitSections(text);
    if (!spans) return this.reset();
    const next = new Map<string, Section>();
    const pairs: Pair[] = [];
    const keys = new Set<unknown>();
    let range: [number, number, number] | undefined;
    for (const span of spans) {
      const sectionText = text.slice(span.start, span.end);
      const section = this.sections.get(sectionText) ?? next.get(sectionText) ?? parseSection(sectionText);
      if (!section || next.has(sectionText)) return this.reset();
      if (section.start !== span.start) {
        for (const pair of section.pairs) shiftNode(pair, span.start - section.start);
        section.start = span.start;
      }
      next.set(sectionText, section);
      for (const pair of section.pairs) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (keys.has(key)) return this.reset();
        keys.add(key);
        pairs.push(pair);
      }
      const [from, valueEnd, nodeEnd] = section.range;
      range = [range?.[0] ?? from + span.start, valueEnd + span.start, nodeEnd + span.start];
    }
    this.sections = next;
    const root = new YAMLMap();
    root.items = pairs;
    root.range = range;
    const document = parseYaml('') as Document.Parsed;
    document.contents = root as unknown as Document.Parsed['contents'];
    document.range = [range?.[0] ?? 0, text.length, text.length];
    return document;
  }

  private reset(): undefined {
    this.sections.clear();
    return undefined;
  }
}

/** One section parsed alone; undefined when it has problems that only the whole text can judge. */
function parseSection(text: string): Section | undefined {
  const document = parseYaml(text);
  const contents = document.contents as Node | null;
  if (document.errors.length > 0 || document.warnings.length > 0) return undefined;
  if (!(contents instanceof YAMLMap) || contents.flow || !contents.range) return undefined;
  const [from, valueEnd, nodeEnd] = contents.range;
  // Ranges are kept relative to the section's start until it is placed (start 0).
  return { text, start: 0, pairs: contents.items as Pair[], range: [from, valueEnd, nodeEnd] };
}
