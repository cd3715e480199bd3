/**
 * An in-memory ConfigFileSystem for unit tests that need exact file contents. The production interface
 * is injected precisely so tests can supply files this way; the golden tests use the real disk.
 */
import * as path from 'node:path';
import type { ConfigFileSystem } from '../../src/core/analysis/file-system';

export function memoryFileSystem(files: Readonly<Record<string, string | Uint8Array>>): ConfigFileSystem {
  const normalized = new Map(Object.entries(files).map(([p, text]) => [path.resolve(p), text]));
  const folders = new Set<string>();
  for (const file of normalized.keys()) {
    for (let dir = path.dirname(file); !folders.has(dir); dir = path.dirname(dir)) {
      folders.add(dir);
      if (dir === path.dirname(dir)) break;
    }
  }
  return {
    readText: (p) => {
      const content = normalized.get(path.resolve(p));
      return content instanceof Uint8Array ? Buffer.from(content).toString('utf8') : content;
    },
    readBytes: (p) => {
      const content = normalized.get(path.resolve(p));
      return typeof content === 'string' ? new TextEncoder().encode(content) : content;
    },
    kind: (p) => (normalized.has(path.resolve(p)) ? 'file' : folders.has(path.resolve(p)) ? 'folder' : undefined),
    list: (p) => {
      const dir = path.resolve(p);
      const names = new Set<string>();
      for (const entry of [...normalized.keys(), ...folders])
        if (entry !== dir && path.dirname(entry) === dir) names.add(path.basename(entry));
      return [...names].sort();
    },
  };
}
