/**
 * Builds the text a key completion inserts: the key, and for maps and lists the children the schema
 * requires, as an LSP snippet with tab stops (or as plain text for clients without snippet support).
 * Indentation is absolute (the item uses InsertTextMode.asIs) because the insertion starts at the key's column.
 */
import { LAYER_TYPES } from '../../core/schema/layers';
import type { ObjectNode, SchemaNode, TaggedNode } from '../../core/schema/types';

class TabStops {
  private next = 1;
  take(): number {
    return this.next++;
  }
}

const escapeSnippet = (text: string): string => text.replace(/[$}\\]/g, '\\$&');
const escapeChoice = (text: string): string => text.replace(/[$}\\,|]/g, '\\$&');

function scalarPlaceholder(node: SchemaNode, stops: TabStops): string {
  const n = stops.take();
  if (node.kind === 'string' && node.enum?.length) {
    const ordered = node.default ? [node.default, ...node.enum.filter((v) => v !== node.default)] : node.enum;
    return `\${${n}|${ordered.map(escapeChoice).join(',')}|}`;
  }
  if (node.kind === 'union') {
    const names = node.variants.flatMap((v) => (v.kind === 'string' && v.enum ? v.enum : []));
    if (names.length) return `\${${n}|${names.map(escapeChoice).join(',')}|}`;
  }
  if (node.kind === 'boolean') return `\${${n}|${node.default === false ? 'false,true' : 'true,false'}|}`;
  if ((node.kind === 'number' || node.kind === 'string') && node.default !== undefined)
    return `\${${n}:${escapeSnippet(String(node.default))}}`;
  return `$${n}`;
}

/** Keys a snippet for this object writes out: the required ones, else the first of a one-of group. */
function requiredKeys(node: ObjectNode): string[] {
  const keys = [...(node.required ?? [])];
  if (node.oneRequired && !node.oneRequired.some((k) => keys.includes(k))) keys.push(node.oneRequired[0] ?? '');
  return keys.filter((k) => node.properties[k]);
}

/** `{ a: $1, b: $2 }` for one line. */
function flowObject(node: ObjectNode, stops: TabStops): string {
  const keys = requiredKeys(node);
  if (keys.length === 0) return `{ $${stops.take()} }`;
  return `{ ${keys.map((k) => `${k}: ${flowValue(node.properties[k]!, stops)}`).join(', ')} }`;
}

/** A map value on one line with its required keys: `{ csv: $1, label: $2 }`. */
export function objectSnippet(node: ObjectNode): string {
  return flowObject(node, new TabStops());
}

/** A layer written on one line: `dense: { units: ${1:64} }`. */
export function layerSnippet(tagged: TaggedNode, tag: string, stops = new TabStops()): string {
  const variant = tagged.variants[tag];
  if (!variant) return tag;
  return `${tag}: ${flowObject(variant, stops)}`;
}

function flowValue(node: SchemaNode, stops: TabStops): string {
  if (node.kind === 'object') return flowObject(node, stops);
  if (node.kind === 'array') {
    const items = node.items;
    if (items.kind === 'tagged') return `[ { ${layerSnippet(items, LAYER_TYPES[0] ?? 'dense', stops)} } ]`;
    if (items.kind === 'object') return `[ ${flowObject(items, stops)} ]`;
    return `[ $${stops.take()} ]`;
  }
  return scalarPlaceholder(node, stops);
}

function blockValue(node: SchemaNode, column: number, stops: TabStops, depth: number): string {
  const pad = ' '.repeat(column + 2);
  if (node.kind === 'object' && depth < 3) {
    const keys = requiredKeys(node);
    if (keys.length === 0) return `\n${pad}$${stops.take()}`;
    return keys.map((k) => `\n${pad}${k}:${blockValue(node.properties[k]!, column + 2, stops, depth + 1)}`).join('');
  }
  if (node.kind === 'array') {
    const items = node.items;
    if (items.kind === 'tagged') return `\n${pad}- ${layerSnippet(items, 'dense', stops)}`;
    if (items.kind === 'object') return `\n${pad}- ${flowObject(items, stops)}`;
    return `\n${pad}- $${stops.take()}`;
  }
  return ` ${flowValue(node, stops)}`;
}

/** Snippet for `key` whose value is `node`, written at `column` (block style) or inside `{ }` (flow). */
export function keySnippet(key: string, node: SchemaNode, column: number, flow: boolean): string {
  const stops = new TabStops();
  return flow ? `${key}: ${flowValue(node, stops)}` : `${key}:${blockValue(node, column, stops, 0)}`;
}

/** Plain-text fallback: the key and a separator, nothing to fill in. */
export function plainKey(key: string, node: SchemaNode, column: number, flow: boolean): string {
  if (flow || (node.kind !== 'object' && node.kind !== 'array')) return `${key}: `;
  return `${key}:\n${' '.repeat(column + 2)}`;
}
