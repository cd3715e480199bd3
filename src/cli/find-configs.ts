/** Finds config files under a path: the file itself, or every *.distill.yaml / *.distill.yml below a folder. */
import * as fs from 'node:fs';
import * as path from 'node:path';

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'runs', 'dist', '.vscode-test']);
export const CONFIG_FILE_PATTERN = /\.distill\.ya?ml$/;

export function findConfigFiles(target: string): string[] {
  const stat = fs.statSync(target);
  if (stat.isFile()) return [target];
  const found: string[] = [];
  for (const entry of fs.readdirSync(target, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(target, entry.name);
    if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) found.push(...findConfigFiles(full));
    else if (entry.isFile() && CONFIG_FILE_PATTERN.test(entry.name)) found.push(full);
  }
  return found;
}
