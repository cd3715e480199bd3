/** Finds config files under a path: the file itself, or every *.distill.yaml / *.distill.yml below a folder. */
import * as fs from 'node:fs';
import * as path from 'node:path';

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'runs', 'dist', '.vscode-test']);
export const CONFIG_FILE_PATTERN = /\.distill\.ya?ml$/;

/**
 * A folder that cannot be listed (no permission) is passed to `onUnreadable` and the search goes on, so one
 * bad folder does not hide the findings of the others. A path given directly that is not a folder (a file,
 * or a device or FIFO a user named) is returned as is: the reader says what is wrong with it.
 */
export function findConfigFiles(target: string, onUnreadable: (folder: string, error: unknown) => void): string[] {
  if (!fs.statSync(target).isDirectory()) return [target];
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(target, { withFileTypes: true });
  } catch (error) {
    onUnreadable(target, error);
    return [];
  }
  const found: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(target, entry.name);
    if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) found.push(...findConfigFiles(full, onUnreadable));
    else if (entry.isFile() && CONFIG_FILE_PATTERN.test(entry.name)) found.push(full);
  }
  return found;
}
