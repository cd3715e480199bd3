/**
 * The config schema object (src/core/schema) -> a JSON Schema (draft-07) for other editors and tools.
 * Titles become `description`, markdown docs `markdownDescription` (read by VS Code's YAML and JSON
 * support), and every object forbids keys the schema lacks.
 */
import type { ObjectNode, SchemaNode } from '../../src/core/schema/types';

export type JsonSchema = Record<string, unknown>;

function describe(node: SchemaNode): JsonSchema {
  return {
    ...(node.title ? { title: node.title } : {}),
    description: node.title ? `${node.title}. ${firstSentence(node.doc)}` : firstSentence(node.doc),
    markdownDescription: node.doc,
  };
}

function firstSentence(doc: string): string {
  const plain = doc.replace(/`/g, '');
  const end = plain.search(/\.(\s|$)/);
  return end < 0 ? plain : plain.slice(0, end + 1);
}

function objectSchema(node: ObjectNode): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const [key, child] of Object.entries(node.properties)) properties[key] = toJsonSchema(child);
  const allOf: JsonSchema[] = [];
  if (node.oneRequired?.length) allOf.push({ anyOf: node.oneRequired.map((k) => ({ required: [k] })) });
  for (const group of node.exclusive ?? []) allOf.push({ not: { required: [...group] } });
  return {
    ...describe(node),
    type: 'object',
    properties,
    ...(node.required?.length ? { required: [...node.required] } : {}),
    additionalProperties: false,
    ...(allOf.length ? { allOf } : {}),
  };
}

export function toJsonSchema(node: SchemaNode): JsonSchema {
  switch (node.kind) {
    case 'number':
      return {
        ...describe(node),
        type: node.integer ? 'integer' : 'number',
        ...(node.min !== undefined ? { minimum: node.min } : {}),
        ...(node.exclusiveMin !== undefined ? { exclusiveMinimum: node.exclusiveMin } : {}),
        ...(node.max !== undefined ? { maximum: node.max } : {}),
        ...(node.exclusiveMax !== undefined ? { exclusiveMaximum: node.exclusiveMax } : {}),
        ...(node.default !== undefined ? { default: node.default } : {}),
        ...(node.examples?.length ? { examples: [...node.examples] } : {}),
      };
    case 'string':
      return {
        ...describe(node),
        type: 'string',
        ...(node.enum ? { enum: [...node.enum] } : { minLength: 1 }),
        ...(node.pattern ? { pattern: node.pattern.regex } : {}),
        ...(node.enum && node.enumDocs
          ? { markdownEnumDescriptions: node.enum.map((v) => node.enumDocs?.[v] ?? '') }
          : {}),
        ...(node.default !== undefined ? { default: node.default } : {}),
      };
    case 'boolean':
      return { ...describe(node), type: 'boolean', ...(node.default !== undefined ? { default: node.default } : {}) };
    case 'array':
      return {
        ...describe(node),
        type: 'array',
        items: toJsonSchema(node.items),
        ...(node.minItems !== undefined ? { minItems: node.minItems } : {}),
        ...(node.maxItems !== undefined ? { maxItems: node.maxItems } : {}),
      };
    case 'object':
      return objectSchema(node);
    case 'tagged': {
      const bare = Object.entries(node.variants)
        .filter(([, v]) => !v.required?.length)
        .map(([tag]) => tag);
      const forms: JsonSchema[] = Object.entries(node.variants).map(([tag, variant]) => ({
        type: 'object',
        properties: { [tag]: { ...objectSchema(variant), type: ['object', 'null'] } },
        required: [tag],
        additionalProperties: false,
      }));
      // `- flatten` written as a bare name is accepted for layer types with no required keys.
      if (bare.length) forms.push({ type: 'string', enum: bare });
      return { ...describe(node), anyOf: forms };
    }
    case 'union':
      return { ...describe(node), anyOf: node.variants.map(toJsonSchema) };
  }
}

export function documentSchema(root: ObjectNode, id: string): JsonSchema {
  return { $schema: 'http://json-schema.org/draft-07/schema#', $id: id, ...toJsonSchema(root) };
}
