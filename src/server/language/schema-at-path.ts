/**
 * Resolves the schema node that describes a config path, following object properties, list items, layer
 * tags and union variants. The one place where completion, hover and definition learn what a key means.
 */
import type { ConfigPath } from '../../core/config/source-map';
import { distillSchema } from '../../core/schema/distill-schema';
import type { ObjectNode, SchemaNode } from '../../core/schema/types';

/** One step down from `node` along `segment`, or undefined when the schema has no such child. */
export function childSchema(node: SchemaNode, segment: string | number): SchemaNode | undefined {
  switch (node.kind) {
    case 'object':
      return typeof segment === 'string' ? node.properties[segment] : undefined;
    case 'array':
      return node.items;
    case 'tagged':
      return typeof segment === 'string' ? node.variants[segment] : undefined;
    case 'union': {
      if (typeof segment !== 'string') return undefined;
      for (const variant of node.variants) {
        if (variant.kind === 'object' && variant.properties[segment]) return variant.properties[segment];
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

export function schemaAt(path: ConfigPath, root: SchemaNode = distillSchema): SchemaNode | undefined {
  let node: SchemaNode | undefined = root;
  for (const segment of path) {
    if (!node) return undefined;
    node = childSchema(node, segment);
  }
  return node;
}

/** The object variants a value at this schema may be written as (an object, or a union's object forms). */
export function objectForms(node: SchemaNode | undefined): readonly ObjectNode[] {
  if (!node) return [];
  if (node.kind === 'object') return [node];
  if (node.kind === 'union') return node.variants.filter((v): v is ObjectNode => v.kind === 'object');
  return [];
}
