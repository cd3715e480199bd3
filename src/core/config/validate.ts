/**
 * Walks the YAML tree against the schema: reports `type`, `range`, `unknown-key` and `missing-key`
 * diagnostics, records every node's source range, and returns the plain value with defaults filled in.
 * Invalid values are dropped (their default takes over) so analysis can go on after errors.
 */
import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Diagnostic, Fix, Range } from '../diagnostics';
import type {
  ArrayNode,
  BooleanNode,
  NumberNode,
  ObjectNode,
  SchemaNode,
  StringNode,
  TaggedNode,
  UnionNode,
} from '../schema/types';
import { boundParts } from '../schema/bounds';
import { didYouMean } from '../text/did-you-mean';
import type { ConfigPath, SourceMap } from './source-map';
import { displayPath } from './display-path';
import { validateSection } from './section-validation';

export interface ValidationContext {
  readonly sourceMap: SourceMap;
  readonly diagnostics: Diagnostic[];
  /** Keys reported by a dedicated rule instead of as unknown keys (e.g. `distillation.alpha`). */
  readonly reservedKeys: ReadonlySet<string>;
}

type Plain = unknown;

export function nodeRange(node: Node | null | undefined, ctx: ValidationContext, fallback: Range): Range {
  const range = node?.range;
  return range ? ctx.sourceMap.rangeOf(range[0], range[1]) : fallback;
}

function report(ctx: ValidationContext, range: Range, code: Diagnostic['code'], message: string, fixes?: Fix[]): void {
  ctx.diagnostics.push({ range, severity: 'error', code, message, ...(fixes && fixes.length ? { fixes } : {}) });
}

function isNullNode(node: Node | null | undefined): boolean {
  return node == null || (isScalar(node) && node.value === null);
}

function describe(node: Node | null | undefined): string {
  if (!node) return 'nothing';
  if (isMap(node)) return 'a map';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return 'nothing';
    if (typeof v === 'string') return `the text "${v.length > 40 ? `${v.slice(0, 40)}...` : v}"`;
    return `${typeof v === 'number' ? 'the number' : 'the value'} ${String(v)}`;
  }
  return 'an alias';
}

/** Checks one YAML node against one kind of schema node; every kind's validator has this shape. */
type NodeValidator<S extends SchemaNode> = (
  node: Node | null | undefined,
  schema: S,
  path: ConfigPath,
  range: Range,
  ctx: ValidationContext,
) => Plain;

export const validateNode: NodeValidator<SchemaNode> = (node, schema, path, range, ctx) => {
  switch (schema.kind) {
    case 'number':
      return validateNumber(node, schema, path, range, ctx);
    case 'string':
      return validateString(node, schema, path, range, ctx);
    case 'boolean':
      return validateBoolean(node, schema, path, range, ctx);
    case 'array':
      return validateArray(node, schema, path, range, ctx);
    case 'object':
      return validateObject(node, schema, path, range, ctx);
    case 'tagged':
      return validateTagged(node, schema, path, range, ctx);
    case 'union':
      return validateUnion(node, schema, path, range, ctx);
  }
};

/** The quick fix that writes the schema default in place of a wrong value (none when there is no default). */
function defaultFix(schema: NumberNode | StringNode, range: Range): Fix[] {
  return schema.default === undefined
    ? []
    : [
        {
          title: `Set to the default (${schema.default})`,
          edits: [{ range, newText: String(schema.default) }],
          preferred: true,
        },
      ];
}

/** The quick fix that writes the did-you-mean suggestion in place of a misspelt name (none without one). */
function suggestionFix(verb: 'Change to' | 'Rename to', range: Range, suggestion: string | undefined): Fix[] {
  return suggestion
    ? [{ title: `${verb} '${suggestion}'`, edits: [{ range, newText: suggestion }], preferred: true }]
    : [];
}

const boundsText = (schema: NumberNode): string => boundParts(schema).join(' and ');

const validateNumber: NodeValidator<NumberNode> = (node, schema, path, range, ctx) => {
  const where = displayPath(path);
  if (!isScalar(node) || typeof node.value !== 'number' || Number.isNaN(node.value)) {
    report(
      ctx,
      range,
      'type',
      `\`${where}\` must be ${schema.integer ? 'an integer' : 'a number'}, not ${describe(node)}.`,
      defaultFix(schema, range),
    );
    return undefined;
  }
  const value = node.value;
  if (schema.integer && !Number.isInteger(value)) {
    report(ctx, range, 'type', `\`${where}\` must be a whole number, not ${value}.`, [
      {
        title: `Round to ${Math.round(value)}`,
        edits: [{ range, newText: String(Math.round(value)) }],
        preferred: true,
      },
    ]);
    return undefined;
  }
  const tooLow =
    (schema.min !== undefined && value < schema.min) ||
    (schema.exclusiveMin !== undefined && value <= schema.exclusiveMin);
  const tooHigh =
    (schema.max !== undefined && value > schema.max) ||
    (schema.exclusiveMax !== undefined && value >= schema.exclusiveMax);
  if (!Number.isFinite(value) || tooLow || tooHigh) {
    report(
      ctx,
      range,
      'range',
      `\`${where}\` must be ${boundsText(schema)} (got ${value}).`,
      defaultFix(schema, range),
    );
    return undefined;
  }
  return value;
};

const validateString: NodeValidator<StringNode> = (node, schema, path, range, ctx) => {
  const where = displayPath(path);
  const raw = isScalar(node) ? node.value : undefined;
  const text = typeof raw === 'string' ? raw : typeof raw === 'number' && !schema.enum ? String(raw) : undefined;
  if (text === undefined) {
    report(
      ctx,
      range,
      'type',
      `\`${where}\` must be ${schema.enum ? `one of ${schema.enum.join(', ')}` : 'a text value'}, not ${describe(node)}.`,
      defaultFix(schema, range),
    );
    return undefined;
  }
  if (schema.enum && !schema.enum.includes(text)) {
    const suggestion = didYouMean(text, schema.enum);
    const fixes = suggestionFix('Change to', range, suggestion);
    report(
      ctx,
      range,
      'range',
      `\`${where}\` must be one of ${schema.enum.join(', ')} (got "${text}").${suggestion ? ` Did you mean '${suggestion}'?` : ''}`,
      fixes,
    );
    return undefined;
  }
  if (text.trim() === '') {
    report(ctx, range, 'type', `\`${where}\` must not be empty.`);
    return undefined;
  }
  if (schema.pattern && !new RegExp(schema.pattern.regex).test(text)) {
    report(ctx, range, 'range', `\`${where}\` must be ${schema.pattern.meaning} (got "${text}").`);
    return undefined;
  }
  return text;
};

const validateBoolean: NodeValidator<BooleanNode> = (node, schema, path, range, ctx) => {
  if (isScalar(node) && typeof node.value === 'boolean') return node.value;
  const fixes: Fix[] =
    schema.default !== undefined
      ? [{ title: `Set to ${schema.default}`, edits: [{ range, newText: String(schema.default) }] }]
      : [];
  report(ctx, range, 'type', `\`${displayPath(path)}\` must be true or false, not ${describe(node)}.`, fixes);
  return undefined;
};

const validateArray: NodeValidator<ArrayNode> = (node, schema, path, range, ctx) => {
  if (!isSeq(node)) {
    report(ctx, range, 'type', `\`${displayPath(path)}\` must be a list, not ${describe(node)}.`);
    return undefined;
  }
  const out: Plain[] = [];
  node.items.forEach((item, index) => {
    const itemNode = item as Node | null;
    const itemRange = nodeRange(itemNode, ctx, range);
    const itemPath = [...path, index];
    if (itemNode?.range)
      ctx.sourceMap.record({
        path: itemPath,
        valueRange: itemRange,
        startOffset: itemNode.range[0],
        endOffset: itemNode.range[1],
      });
    const value = validateNode(itemNode, schema.items, itemPath, itemRange, ctx);
    if (value !== undefined) out.push(value);
  });
  if (schema.minItems !== undefined && node.items.length < schema.minItems) {
    report(
      ctx,
      range,
      'range',
      `\`${displayPath(path)}\` needs at least ${schema.minItems} item${schema.minItems === 1 ? '' : 's'}.`,
    );
  }
  if (schema.maxItems !== undefined && node.items.length > schema.maxItems) {
    report(ctx, range, 'range', `\`${displayPath(path)}\` allows at most ${schema.maxItems} items.`);
  }
  return out;
};

/** Default value of a schema node when its key is absent, or undefined when it has none. */
export function defaultOf(schema: SchemaNode): Plain {
  if (schema.kind === 'object') {
    if (schema.materialize === false || (schema.required && schema.required.length > 0) || schema.oneRequired)
      return undefined;
    const out: Record<string, Plain> = {};
    for (const [key, child] of Object.entries(schema.properties)) {
      const value = defaultOf(child);
      if (value !== undefined) out[key] = value;
    }
    return out;
  }
  if (schema.kind === 'array') return undefined;
  if (schema.kind === 'tagged' || schema.kind === 'union') return undefined;
  return schema.default;
}

const validateObject: NodeValidator<ObjectNode> = (node, schema, path, range, ctx) => {
  const where = displayPath(path) || 'the config';
  if (isNullNode(node) && path.length > 0 && !schema.required?.length && !schema.oneRequired) {
    return defaultOf({ ...schema, materialize: true });
  }
  if (!isMap(node)) {
    report(ctx, range, 'type', `\`${where}\` must be a map of keys, not ${describe(node)}.`);
    return undefined;
  }
  const out: Record<string, Plain> = {};
  const known = Object.keys(schema.properties);
  const seen = new Set<string>();
  for (const pair of node.items as Pair<Node | null, Node | null>[]) {
    const keyNode = pair.key;
    const key = isScalar(keyNode) ? String(keyNode.value) : undefined;
    const keyRange = nodeRange(keyNode, ctx, range);
    if (key === undefined) {
      report(ctx, keyRange, 'type', `Keys in \`${where}\` must be plain names.`);
      continue;
    }
    const childPath = [...path, key];
    const valueNode = pair.value;
    const valueRange = valueNode?.range
      ? nodeRange(valueNode, ctx, keyRange)
      : { start: keyRange.end, end: keyRange.end };
    const startOffset = keyNode?.range?.[0] ?? 0;
    const endOffset = valueNode?.range?.[1] ?? keyNode?.range?.[1] ?? startOffset;
    ctx.sourceMap.record({ path: childPath, keyRange, valueRange, startOffset, endOffset });
    seen.add(key);
    const child = schema.properties[key];
    if (!child) {
      if (ctx.reservedKeys.has([...path, key].join('.'))) continue;
      const suggestion = didYouMean(
        key,
        known.filter((k) => !seen.has(k) || k === key),
      );
      const fixes = suggestionFix('Rename to', keyRange, suggestion);
      report(
        ctx,
        keyRange,
        'unknown-key',
        `Unknown key \`${key}\` in \`${where}\`.${suggestion ? ` Did you mean '${suggestion}'?` : ` Known keys: ${known.join(', ')}.`}`,
        fixes,
      );
      continue;
    }
    const check = (): Plain => validateNode(valueNode, child, childPath, valueRange, ctx);
    // Top-level sections the parser re-used keep their check too (see section-validation.ts).
    const value =
      path.length === 0 && valueNode?.range
        ? validateSection(valueNode, ctx.sourceMap, ctx.diagnostics, check)
        : check();
    if (value !== undefined) out[key] = value;
  }
  const anchor = path.length === 0 ? ctx.sourceMap.rangeOf(0, 0) : ctx.sourceMap.keyRange(path);
  for (const key of schema.required ?? []) {
    if (!seen.has(key))
      report(
        ctx,
        anchor,
        'missing-key',
        `${path.length ? `\`${where}\`` : 'The config'} needs the key \`${key}\` (${schema.properties[key]?.title ?? key}).`,
      );
  }
  if (schema.oneRequired && !schema.oneRequired.some((k) => seen.has(k))) {
    report(
      ctx,
      anchor,
      'missing-key',
      `\`${where}\` needs one of: ${schema.oneRequired.map((k) => `\`${k}\``).join(' or ')}.`,
    );
  }
  for (const group of schema.exclusive ?? []) {
    const present = group.filter((k) => seen.has(k));
    if (present.length > 1) {
      report(
        ctx,
        ctx.sourceMap.keyRange([...path, present[1]!]),
        'type',
        `\`${where}\` takes only one of ${present.map((k) => `\`${k}\``).join(' and ')}.`,
      );
    }
  }
  // Absent or invalid keys take their defaults, so later analysis sees a complete config.
  for (const [key, child] of Object.entries(schema.properties)) {
    if (out[key] !== undefined) continue;
    const value = defaultOf(child);
    if (value !== undefined) out[key] = value;
  }
  return out;
};

const validateTagged: NodeValidator<TaggedNode> = (node, schema, path, range, ctx) => {
  const tags = Object.keys(schema.variants);
  if (isScalar(node) && typeof node.value === 'string' && schema.variants[node.value]) {
    // `- flatten` written as a bare name: accept for variants with no required keys.
    const variant = schema.variants[node.value]!;
    if (!variant.required?.length)
      return { type: node.value, ...(defaultOf({ ...variant, materialize: true }) as object) };
  }
  if (!isMap(node) || node.items.length !== 1) {
    report(
      ctx,
      range,
      'type',
      `\`${displayPath(path)}\` must be a map with a single key naming its type (${tags.join(', ')}), e.g. \`- dense: { units: 64 }\`.`,
    );
    return undefined;
  }
  const pair = (node as YAMLMap<Node | null, Node | null>).items[0]!;
  const tag = isScalar(pair.key) ? String(pair.key.value) : '';
  const keyRange = nodeRange(pair.key, ctx, range);
  const variant = schema.variants[tag];
  const valueRange = pair.value?.range ? nodeRange(pair.value, ctx, keyRange) : keyRange;
  ctx.sourceMap.record({
    path: [...path, tag],
    keyRange,
    valueRange,
    startOffset: pair.key?.range?.[0] ?? 0,
    endOffset: pair.value?.range?.[1] ?? pair.key?.range?.[1] ?? 0,
  });
  if (!variant) {
    const suggestion = didYouMean(tag, tags);
    const fixes = suggestionFix('Change to', keyRange, suggestion);
    report(
      ctx,
      keyRange,
      'unknown-key',
      `Unknown layer type \`${tag}\`.${suggestion ? ` Did you mean '${suggestion}'?` : ''} Known types: ${tags.join(', ')}.`,
      fixes,
    );
    return undefined;
  }
  const body =
    isNullNode(pair.value) && !variant.required?.length
      ? defaultOf({ ...variant, materialize: true })
      : validateObject(pair.value, variant, [...path, tag], valueRange, ctx);
  if (body === undefined) return undefined;
  for (const key of variant.required ?? []) if ((body as Record<string, Plain>)[key] === undefined) return undefined;
  return { type: tag, ...(body as object) };
};

const validateUnion: NodeValidator<UnionNode> = (node, schema, path, range, ctx) => {
  if (isScalar(node) && typeof node.value === 'string') {
    const stringVariant = schema.variants.find((v): v is StringNode => v.kind === 'string');
    if (stringVariant) return validateString(node, stringVariant, path, range, ctx);
  }
  if (isMap(node)) {
    const objects = schema.variants.filter((v): v is ObjectNode => v.kind === 'object');
    const keys = node.items.map((p) => (isScalar(p.key) ? String(p.key.value) : ''));
    const match = objects.find((o) => o.required?.some((r) => keys.includes(r)));
    if (match) return validateObject(node, match, path, range, ctx);
    const alternatives = objects.map((o) => `\`{ ${o.required?.join(', ')} }\``).join(' or ');
    report(ctx, range, 'type', `\`${displayPath(path)}\` must be a map with ${alternatives}.`);
    return undefined;
  }
  const names = schema.variants
    .map((v) => (v.kind === 'string' && v.enum ? v.enum.join(' | ') : (v.title ?? v.kind)))
    .join(', or ');
  report(ctx, range, 'type', `\`${displayPath(path)}\` must be ${names}; got ${describe(node)}.`);
  return undefined;
};
