/**
 * Resolves a sweep parameter's dotted path (`distillation.temperature`, `student.layers.0.dense.units`) to the
 * schema node it names, checked against the config it sweeps. Shared by the sweep rules and by the sweep
 * runner, so an editor squiggle and a refused `distillery sweep` always agree.
 */
import { distillSchema } from './distill-schema';
import type { NumberNode, ObjectNode, SchemaNode, StringNode } from './types';
import { didYouMean } from '../text/did-you-mean';

export type SweepTarget =
  | { readonly kind: 'number'; readonly node: NumberNode }
  | { readonly kind: 'enum'; readonly node: StringNode; readonly options: readonly string[] };

export type TargetResolution =
  | { readonly ok: true; readonly target: SweepTarget; readonly segments: readonly (string | number)[] }
  | { readonly ok: false; readonly message: string; readonly suggestion?: string };

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

/** Whether the parser would create this object with defaults when the config leaves it out. */
const materializes = (node: ObjectNode): boolean =>
  node.materialize !== false && !node.required?.length && !node.oneRequired;

/**
 * @param rawConfig the config as plain data (`document.toJS()`), used to check that list items exist, that a
 * layer at an index has the named type, and that optional sections being swept are present.
 */
export function resolveSweepTarget(dotted: string, rawConfig: unknown): TargetResolution {
  const parts = dotted.split('.');
  if (dotted.trim() === '' || parts.some((p) => p === ''))
    return { ok: false, message: `\`${dotted}\` is not a dotted config path (e.g. \`distillation.temperature\`).` };
  if (parts[0] === 'sweep') return { ok: false, message: 'A sweep cannot sweep its own settings.' };
  let node: SchemaNode = distillSchema;
  let value: unknown = rawConfig;
  const segments: (string | number)[] = [];
  const walked: string[] = [];
  for (const part of parts) {
    const here = walked.length ? `\`${walked.join('.')}\`` : 'the config';
    if (node.kind === 'union') {
      const record: Record<string, unknown> | undefined = asRecord(value);
      const variant: ObjectNode | undefined = node.variants.find(
        (v): v is ObjectNode =>
          v.kind === 'object' && part in v.properties && (!record || v.required?.some((r) => r in record) === true),
      );
      if (!variant || !record) return { ok: false, message: `${here} has no key \`${part}\` in this config.` };
      node = variant;
    }
    if (node.kind === 'object') {
      const child: SchemaNode | undefined = node.properties[part];
      if (!child) {
        const suggestion = didYouMean(part, Object.keys(node.properties));
        return {
          ok: false,
          message: `${here} has no key \`${part}\`.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`,
          ...(suggestion ? { suggestion: [...walked, suggestion].join('.') } : {}),
        };
      }
      const record = asRecord(value);
      value = record?.[part];
      if (value === undefined && child.kind === 'object' && !materializes(child)) {
        return {
          ok: false,
          message: `\`${[...walked, part].join('.')}\` is not in this config: add the section before sweeping its keys.`,
        };
      }
      node = child;
      segments.push(part);
    } else if (node.kind === 'array') {
      if (!/^\d+$/.test(part))
        return {
          ok: false,
          message: `${here} is a list: address an item by its index, e.g. \`${[...walked, '0'].join('.')}\`.`,
        };
      const index = Number(part);
      const items = Array.isArray(value) ? value : [];
      if (index >= items.length)
        return {
          ok: false,
          message: `${here} has ${items.length} item${items.length === 1 ? '' : 's'}: there is no item ${index}.`,
        };
      value = items[index];
      node = node.items;
      segments.push(index);
    } else if (node.kind === 'tagged') {
      const variant: ObjectNode | undefined = node.variants[part];
      const actual = Object.keys(asRecord(value) ?? {})[0] ?? (typeof value === 'string' ? value : undefined);
      if (!variant)
        return {
          ok: false,
          message: `${here} is a layer: the next part must be its type (${actual ?? Object.keys(node.variants).join(', ')}), not \`${part}\`.`,
        };
      if (actual !== part)
        return {
          ok: false,
          message: `${here} is a \`${actual ?? 'missing'}\` layer, not \`${part}\`.`,
          ...(actual ? { suggestion: [...walked, actual].join('.') } : {}),
        };
      value = asRecord(value)?.[part];
      node = variant;
      segments.push(part);
    } else {
      return { ok: false, message: `${here} is a single value: it has no key \`${part}\`.` };
    }
    walked.push(part);
  }
  if (node.kind === 'number') return { ok: true, target: { kind: 'number', node }, segments };
  if (node.kind === 'string' && node.enum)
    return { ok: true, target: { kind: 'enum', node, options: node.enum }, segments };
  return {
    ok: false,
    message: `\`${dotted}\` is ${node.kind === 'string' ? 'a text value' : node.kind === 'boolean' ? 'a true/false value' : 'a section'}: a sweep varies numeric or enum keys only.`,
  };
}

/** Why a number is illegal for a numeric key (its schema bounds and integrality), or undefined when legal. */
export function numberViolation(node: NumberNode, value: number): string | undefined {
  if (!Number.isFinite(value)) return 'must be a finite number';
  if (node.integer && !Number.isInteger(value)) return 'must be a whole number';
  if (node.min !== undefined && value < node.min) return `must be >= ${node.min}`;
  if (node.exclusiveMin !== undefined && value <= node.exclusiveMin) return `must be > ${node.exclusiveMin}`;
  if (node.max !== undefined && value > node.max) return `must be <= ${node.max}`;
  if (node.exclusiveMax !== undefined && value >= node.exclusiveMax) return `must be < ${node.exclusiveMax}`;
  return undefined;
}

export interface SweepablePath {
  readonly path: string;
  readonly target: SweepTarget;
  readonly title?: string;
}

/**
 * Every path a sweep of this config could vary: numeric and enum keys of the schema, through the config's
 * actual list items and layer types, skipping optional sections the config leaves out. For completion of
 * `sweep.parameters[].path` (the language server can offer these with their titles).
 */
export function listSweepablePaths(rawConfig: unknown): SweepablePath[] {
  const out: SweepablePath[] = [];
  const walk = (node: SchemaNode, value: unknown, prefix: readonly string[]): void => {
    const dotted = prefix.join('.');
    if (node.kind === 'number') {
      out.push({ path: dotted, target: { kind: 'number', node }, ...(node.title ? { title: node.title } : {}) });
      return;
    }
    if (node.kind === 'string') {
      if (node.enum)
        out.push({
          path: dotted,
          target: { kind: 'enum', node, options: node.enum },
          ...(node.title ? { title: node.title } : {}),
        });
      return;
    }
    if (node.kind === 'object') {
      for (const [key, child] of Object.entries(node.properties)) {
        if (prefix.length === 0 && key === 'sweep') continue;
        const childValue = asRecord(value)?.[key];
        if (childValue === undefined && child.kind === 'object' && !materializes(child)) continue;
        walk(child, childValue, [...prefix, key]);
      }
    } else if (node.kind === 'array') {
      (Array.isArray(value) ? value : []).forEach((item, i) => walk(node.items, item, [...prefix, String(i)]));
    } else if (node.kind === 'tagged') {
      const tag = Object.keys(asRecord(value) ?? {})[0];
      const variant = tag ? node.variants[tag] : undefined;
      if (tag && variant) walk(variant, asRecord(value)?.[tag], [...prefix, tag]);
    } else if (node.kind === 'union') {
      const record = asRecord(value);
      const variant = record
        ? node.variants.find(
            (v): v is ObjectNode => v.kind === 'object' && v.required?.some((r) => r in record) === true,
          )
        : undefined;
      if (variant) walk(variant, value, prefix);
    }
  };
  walk(distillSchema, rawConfig, []);
  return out;
}
