/**
 * The one place Distillery reads user files on a Node host (configs, CSV data, images, model.json and weight
 * files): core's analysis through `nodeFileSystem`, the trainer, CLI, sweeps and the extension through
 * `readTextFile` / `readBinaryFile`. Limits on what may be read belong here, so every part obeys them alike.
 * Never for the webview (a browser).
 */
import * as fs from 'node:fs';
import type { ConfigFileSystem } from '../core/analysis/file-system';

/** A file's text (UTF-8); throws the file system's error (ENOENT, EISDIR, ...) for the caller to word. */
export function readTextFile(file: string): string {
  return fs.readFileSync(file, 'utf8');
}

/** A file's bytes; throws the file system's error for the caller to word. */
export function readBinaryFile(file: string): Buffer {
  return fs.readFileSync(file);
}

/** ConfigFileSystem over the real disk, for Node entry points (CLI, server, trainer, extension host). */
export const nodeFileSystem: ConfigFileSystem = {
  readText(file) {
    try {
      return readTextFile(file);
    } catch {
      return undefined;
    }
  },
  kind(file) {
    try {
      const stat = fs.statSync(file);
      return stat.isDirectory() ? 'folder' : stat.isFile() ? 'file' : undefined;
    } catch {
      return undefined;
    }
  },
  list(folder) {
    try {
      return fs.readdirSync(folder);
    } catch {
      return [];
    }
  },
};
