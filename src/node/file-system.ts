/** ConfigFileSystem over the real disk, for Node entry points (CLI, server, trainer). Never for the webview. */
import * as fs from 'node:fs';
import type { ConfigFileSystem } from '../core/analysis/file-system';

export const nodeFileSystem: ConfigFileSystem = {
  readText(file) {
    try {
      return fs.readFileSync(file, 'utf8');
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
