/**
 * Completion: keys valid at the cursor (with snippets for their required children), layer types, enum and
 * boolean values with their docs, suggested numbers, bundled dataset names, file paths for `model`/`csv`/
 * `images`, and layer names in `distillation.features`. Reads the cursor context from the text, so it works
 * on half-typed YAML, and never re-parses: layer names come from the newest analysis already computed.
 */
import {
  type CompletionItem,
  CompletionItemKind,
  CompletionList,
  InsertTextFormat,
  InsertTextMode,
  type Position,
  type Range,
} from 'vscode-languageserver';
import type { ConfigFileSystem } from '../../core/analysis/file-system';
import { formatShape } from '../../core/format/numbers';
import type { ObjectNode, SchemaNode, TaggedNode } from '../../core/schema/types';
import type { ModelFacts } from '../analysis/messages';
import type { DocumentState } from '../document-state';
import { type CursorContext, cursorContext } from '../language/cursor-context';
import { objectForms, schemaAt } from '../language/schema-at-path';
import { formatDims } from '../../core/onnx/onnx-graph';
import { completePath } from './path-completion';
import { keySnippet, layerSnippet, objectSnippet, plainKey } from './snippets';

export interface CompletionEnv {
  readonly fs: ConfigFileSystem;
  readonly snippets: boolean;
  /** Model facts of the newest analysis of this document (possibly a few edits old); undefined before the first. */
  readonly facts?: ModelFacts;
}

const markdown = (value: string): { kind: 'markdown'; value: string } => ({ kind: 'markdown', value });

function editRange(ctx: CursorContext, start = ctx.replaceStart): Range {
  return { start: { line: ctx.line, character: start }, end: { line: ctx.line, character: ctx.replaceEnd } };
}

function keyItems(object: ObjectNode, ctx: CursorContext, env: CompletionEnv): CompletionItem[] {
  const items: CompletionItem[] = [];
  for (const [key, child] of Object.entries(object.properties)) {
    if (ctx.siblings.has(key)) continue;
    const snippet = env.snippets && !ctx.colonFollows;
    const newText = ctx.colonFollows
      ? key
      : snippet
        ? keySnippet(key, child, ctx.column, ctx.flow)
        : plainKey(key, child, ctx.column, ctx.flow);
    items.push({
      label: key,
      kind: child.kind === 'object' || child.kind === 'array' ? CompletionItemKind.Module : CompletionItemKind.Property,
      detail: child.title ?? key,
      documentation: markdown(child.doc),
      textEdit: { range: editRange(ctx), newText },
      insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      insertTextMode: InsertTextMode.asIs,
      sortText: `${object.required?.includes(key) ? '0' : '1'}${key}`,
    });
  }
  return items;
}

function layerTypeItems(tagged: TaggedNode, ctx: CursorContext, env: CompletionEnv): CompletionItem[] {
  return Object.entries(tagged.variants).map(([tag, variant]) => {
    const snippet = env.snippets && !ctx.colonFollows;
    return {
      label: tag,
      kind: CompletionItemKind.Class,
      detail: `layer: ${tag}`,
      documentation: markdown(variant.doc),
      textEdit: {
        range: editRange(ctx),
        newText: ctx.colonFollows ? tag : snippet ? layerSnippet(tagged, tag) : `${tag}: `,
      },
      insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    };
  });
}

function valueItem(
  label: string,
  ctx: CursorContext,
  kind: CompletionItemKind,
  doc?: string,
  isDefault = false,
): CompletionItem {
  return {
    label,
    kind,
    ...(doc ? { documentation: markdown(doc) } : {}),
    ...(isDefault ? { detail: 'default', preselect: true } : {}),
    textEdit: { range: editRange(ctx), newText: label },
    sortText: `${isDefault ? '0' : '1'}${label}`,
  };
}

function scalarValueItems(node: SchemaNode, ctx: CursorContext): CompletionItem[] {
  switch (node.kind) {
    case 'string':
      return (node.enum ?? []).map((v) =>
        valueItem(v, ctx, CompletionItemKind.EnumMember, node.enumDocs?.[v], v === node.default),
      );
    case 'boolean':
      return ['true', 'false'].map((v) =>
        valueItem(v, ctx, CompletionItemKind.Value, undefined, String(node.default) === v),
      );
    case 'number': {
      const values = [...new Set([...(node.default === undefined ? [] : [node.default]), ...(node.examples ?? [])])];
      return values.map((v) => valueItem(String(v), ctx, CompletionItemKind.Value, node.title, v === node.default));
    }
    case 'union':
      return node.variants.flatMap((v) => scalarValueItems(v, ctx));
    default:
      return [];
  }
}

/** `source: { csv: ..., label: ... }`-style items for values that may be written as a map. */
function objectValueItems(node: SchemaNode, ctx: CursorContext, env: CompletionEnv): CompletionItem[] {
  if (!env.snippets || ctx.prefix.trim() !== '') return [];
  return objectForms(node).map((form) => {
    return {
      label: `{ ${
        Object.keys(form.properties)
          .filter((k) => form.required?.includes(k))
          .join(', ') || '…'
      } }`,
      kind: CompletionItemKind.Struct,
      detail: form.title ?? 'map',
      documentation: markdown(form.doc),
      textEdit: { range: editRange(ctx), newText: objectSnippet(form) },
      insertTextFormat: InsertTextFormat.Snippet,
    };
  });
}

function layerNameItems(
  side: 'teacher' | 'student',
  ctx: CursorContext,
  state: DocumentState,
  env: CompletionEnv,
): CompletionItem[] {
  if (!env.facts) return [];
  return env.facts.layers[side].map((layer) => ({
    label: layer.name,
    kind: CompletionItemKind.Reference,
    detail: layer.onnx
      ? `${side} value (${layer.onnx})`
      : `${side} layer (${layer.type}${layer.summary ? `, output ${formatShape(layer.summary.outputShape)}` : ''})`,
    textEdit: { range: editRange(ctx), newText: layer.name },
  }));
}

/** `teacher.output`: the outputs of an ONNX teacher's graph. */
function outputItems(ctx: CursorContext, env: CompletionEnv): CompletionItem[] {
  return (env.facts?.onnx?.outputs ?? []).map((o) => ({
    label: o.name,
    kind: CompletionItemKind.Reference,
    detail: `teacher output (shape ${formatDims(o.shape)})`,
    textEdit: { range: editRange(ctx), newText: o.name },
  }));
}

function isFeatureSide(ctx: CursorContext): 'teacher' | 'student' | undefined {
  const [a, b, , side] = ctx.path;
  return a === 'distillation' && b === 'features' && ctx.path.length === 4 && (side === 'teacher' || side === 'student')
    ? side
    : undefined;
}

function valueItems(node: SchemaNode, ctx: CursorContext, state: DocumentState, env: CompletionEnv): CompletionItem[] {
  const side = isFeatureSide(ctx);
  if (side) return layerNameItems(side, ctx, state, env);
  if (ctx.path.length === 2 && ctx.path[0] === 'teacher' && ctx.path[1] === 'output') return outputItems(ctx, env);
  if (node.kind === 'string' && node.path) return completePath(node, ctx, state.configPath, env.fs);
  if (node.kind === 'tagged') return layerTypeItems(node, ctx, env);
  return [...scalarValueItems(node, ctx), ...objectValueItems(node, ctx, env)];
}

export function complete(state: DocumentState, position: Position, env: CompletionEnv): CompletionList {
  const ctx = cursorContext(state.lines, position.line, position.character);
  if (!ctx) return CompletionList.create([], false);
  const node = schemaAt(ctx.path);
  if (!node) return CompletionList.create([], false);
  let items: CompletionItem[];
  if (ctx.kind === 'key') {
    if (node.kind === 'tagged') items = layerTypeItems(node, ctx, env);
    else if (node.kind === 'object' || node.kind === 'union')
      items = objectForms(node).flatMap((form) => keyItems(form, ctx, env));
    else items = valueItems(node, ctx, state, env);
  } else {
    items = valueItems(node, ctx, state, env);
  }
  return CompletionList.create(items, false);
}
