/**
 * The vocabulary of the config schema. The schema itself (distill-schema.ts) is the single source of
 * truth for validation, completion, hover, the published JSON Schema and the trainer's config type.
 */

interface NodeBase {
  /** Markdown documentation shown on hover and in the README's config reference. */
  readonly doc: string;
  /** Short one-line description (completion detail, JSON Schema `description`). */
  readonly title?: string;
}

export interface NumberNode extends NodeBase {
  readonly kind: 'number';
  readonly integer?: boolean;
  /** Inclusive lower bound. */
  readonly min?: number;
  /** Exclusive lower bound. */
  readonly exclusiveMin?: number;
  /** Inclusive upper bound. */
  readonly max?: number;
  /** Exclusive upper bound. */
  readonly exclusiveMax?: number;
  readonly default?: number;
  /** Values suggested by completion, beyond the default. */
  readonly examples?: readonly number[];
}

export interface StringNode extends NodeBase {
  readonly kind: 'string';
  readonly enum?: readonly string[];
  /** Per-value docs for enum members. */
  readonly enumDocs?: Readonly<Record<string, string>>;
  readonly default?: string;
  /** A file or folder path relative to the config file (completion offers paths; definition opens them). */
  readonly path?: 'file' | 'folder';
  /** File extensions offered by path completion. */
  readonly pathExtensions?: readonly string[];
  /** A regular expression (JSON Schema dialect) the whole value must match, and what it means in words. */
  readonly pattern?: { readonly regex: string; readonly meaning: string };
}

export interface BooleanNode extends NodeBase {
  readonly kind: 'boolean';
  readonly default?: boolean;
}

export interface ArrayNode extends NodeBase {
  readonly kind: 'array';
  readonly items: SchemaNode;
  readonly minItems?: number;
  readonly maxItems?: number;
}

export interface ObjectNode extends NodeBase {
  readonly kind: 'object';
  readonly properties: Readonly<Record<string, SchemaNode>>;
  readonly required?: readonly string[];
  /** Keys of which at most one may be present (e.g. teacher.model vs teacher.layers). */
  readonly exclusive?: readonly (readonly string[])[];
  /** Keys of which at least one must be present. */
  readonly oneRequired?: readonly string[];
  /**
   * Whether the parser fills in this object with its defaults when the config omits it. False for objects
   * whose presence switches a feature on (e.g. `early_stopping`). Objects with required keys never are.
   */
  readonly materialize?: boolean;
}

/** A map with exactly one key, the tag, whose value is the variant's object: `- dense: { units: 64 }`. */
export interface TaggedNode extends NodeBase {
  readonly kind: 'tagged';
  readonly variants: Readonly<Record<string, ObjectNode>>;
}

/** A value that may take one of several shapes (e.g. `source: mnist` or `source: { csv: ..., label: ... }`). */
export interface UnionNode extends NodeBase {
  readonly kind: 'union';
  readonly variants: readonly (StringNode | ObjectNode | NumberNode | BooleanNode)[];
}

export type SchemaNode = NumberNode | StringNode | BooleanNode | ArrayNode | ObjectNode | TaggedNode | UnionNode;
