/**
 * Rewrites every file or folder path of a config document (the schema's `path` strings: `teacher.model`,
 * `data.source.csv`, `output`, ...) as an absolute path. A trial's derived config lives in the trial's run
 * directory, so paths relative to the original config would otherwise point nowhere.
 */
import * as path from 'node:path';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { ObjectNode, SchemaNode } from '../core/schema/types';

export function absolutizePaths(node: Node | null | undefined, schema: SchemaNode, baseDir: string): void {
  if (!node) return;
  switch (schema.kind) {
    case 'string':
      if (
        schema.path &&
        isScalar(node) &&
        typeof node.value === 'string' &&
        node.value.trim() !== '' &&
        !path.isAbsolute(node.value)
      ) {
        node.value = path.resolve(baseDir, node.value);
      }
      return;
    case 'object':
      if (!isMap(node)) return;
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        const child = key === undefined ? undefined : schema.properties[key];
        if (child) absolutizePaths(pair.value as Node | null, child, baseDir);
      }
      return;
    case 'array':
      if (isSeq(node)) for (const item of node.items) absolutizePaths(item as Node | null, schema.items, baseDir);
      return;
    case 'tagged':
      if (isMap(node)) {
        for (const pair of node.items) {
          const variant = isScalar(pair.key) ? schema.variants[String(pair.key.value)] : undefined;
          if (variant) absolutizePaths(pair.value as Node | null, variant, baseDir);
        }
      }
      return;
    case 'union': {
      if (isScalar(node)) {
        const text = schema.variants.find((v) => v.kind === 'string');
        if (text) absolutizePaths(node, text, baseDir);
        return;
      }
      if (!isMap(node)) return;
      const keys = node.items.map((p) => (isScalar(p.key) ? String(p.key.value) : ''));
      const match = schema.variants.find(
        (v): v is ObjectNode => v.kind === 'object' && (v.required ?? []).some((r) => keys.includes(r)),
      );
      if (match) absolutizePaths(node, match, baseDir);
      return;
    }
    default:
      return;
  }
}
