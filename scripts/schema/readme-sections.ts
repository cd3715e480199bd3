/**
 * README sections generated from the schema and the rule list: the config reference (every key, with
 * type, default, range and docs) and the diagnostic-code table. They live between marker comments so the
 * rest of the README stays hand-written.
 */
import { boundParts } from '../../src/core/schema/bounds';
import type { ObjectNode, SchemaNode } from '../../src/core/schema/types';

export const CONFIG_MARKERS = ['<!-- config-reference:start -->', '<!-- config-reference:end -->'] as const;
export const DIAGNOSTIC_MARKERS = ['<!-- diagnostics:start -->', '<!-- diagnostics:end -->'] as const;

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function typeOf(node: SchemaNode): string {
  switch (node.kind) {
    case 'number':
      return node.integer ? 'integer' : 'number';
    case 'string':
      return node.enum ? node.enum.map((v) => `\`${v}\``).join(' | ') : node.path ? `${node.path} path` : 'text';
    case 'boolean':
      return 'boolean';
    case 'array':
      return `list of ${node.items.kind === 'tagged' ? 'layers' : node.items.kind === 'object' ? 'maps' : typeOf(node.items)}`;
    case 'object':
      return 'map';
    case 'tagged':
      return 'one-key map';
    case 'union':
      return node.variants
        .map((v) => (v.kind === 'object' && v.title ? `map (${v.title.toLowerCase()})` : typeOf(v)))
        .join(' or ');
  }
}

const bounds = (node: SchemaNode): string => (node.kind === 'number' ? boundParts(node).join(', ') : '');

const defaultOf = (node: SchemaNode): string =>
  'default' in node && node.default !== undefined ? `\`${String(node.default)}\`` : '';

export interface ReferenceRow {
  readonly key: string;
  readonly node: SchemaNode;
}

/** Every documented key, depth first, as `a.b[].c` paths (layer variants as `layers[].dense.units`). */
export function referenceRows(node: SchemaNode, prefix = ''): ReferenceRow[] {
  const rows: ReferenceRow[] = [];
  const visitObject = (object: ObjectNode, base: string): void => {
    for (const [key, child] of Object.entries(object.properties)) {
      const path = base ? `${base}.${key}` : key;
      rows.push({ key: path, node: child });
      rows.push(...referenceRows(child, path));
    }
  };
  if (node.kind === 'object') visitObject(node, prefix);
  else if (node.kind === 'array') rows.push(...referenceRows(node.items, `${prefix}[]`));
  else if (node.kind === 'tagged') {
    for (const [tag, variant] of Object.entries(node.variants)) {
      rows.push({ key: `${prefix}.${tag}`, node: variant });
      visitObject(variant, `${prefix}.${tag}`);
    }
  } else if (node.kind === 'union') {
    for (const variant of node.variants) if (variant.kind === 'object') visitObject(variant, prefix);
  }
  return rows;
}

/** The key's docs, followed by what each enum value means when the schema says so. */
function meaning(node: SchemaNode): string {
  if (node.kind !== 'string' || !node.enum || !node.enumDocs) return node.doc;
  return `${node.doc} ${node.enum
    .filter((v) => node.enumDocs?.[v])
    .map((v) => `\`${v}\`: ${node.enumDocs?.[v] ?? ''}`)
    .join(' ')}`;
}

export function configReference(root: ObjectNode): string {
  const lines = [
    '| Key | Type | Default | Allowed | Meaning |',
    '|---|---|---|---|---|',
    ...referenceRows(root).map(
      ({ key, node }) =>
        `| \`${key}\` | ${cell(typeOf(node))} | ${defaultOf(node)} | ${cell(bounds(node))} | ${cell(meaning(node))} |`,
    ),
  ];
  return lines.join('\n');
}

export interface DiagnosticDoc {
  readonly code: string;
  readonly severity: 'error' | 'warning';
  readonly trigger: string;
  readonly source: string;
}

export function diagnosticTable(docs: readonly DiagnosticDoc[]): string {
  return [
    '| Code | Severity | Triggered by | Threshold source / rationale |',
    '|---|---|---|---|',
    ...docs.map((d) => `| \`${d.code}\` | ${d.severity} | ${cell(d.trigger)} | ${cell(d.source)} |`),
  ].join('\n');
}

/** Replaces the text between `markers` (appending a heading and both markers at the end when absent). */
export function replaceBetween(
  text: string,
  markers: readonly [string, string],
  body: string,
  heading: string,
): string {
  const [start, end] = markers;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) return `${text.replace(/\n*$/, '\n')}\n${heading}\n\n${start}\n${body}\n${end}\n`;
  return `${text.slice(0, from + start.length)}\n${body}\n${text.slice(to)}`;
}
