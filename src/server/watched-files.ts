/**
 * Which open configs depend on a file that changed on disk: the teacher's model.json (and the weight files
 * beside it), a CSV file, or anything inside an image folder. Those configs are re-validated.
 */
import * as path from 'node:path';
import type { DocumentState } from './document-state';

/** Absolute paths a config reads: files, and folders whose whole content matters. */
export function referencedPaths(state: DocumentState): { files: string[]; folders: string[] } {
  const base = path.dirname(state.configPath);
  const config = state.parsed.config;
  const files: string[] = [];
  const folders: string[] = [];
  if (config.teacher.model) {
    const model = path.resolve(base, config.teacher.model);
    files.push(model);
    folders.push(path.dirname(model));
  }
  const source = config.data.source;
  if (source.kind === 'csv') files.push(path.resolve(base, source.csv));
  if (source.kind === 'images') folders.push(path.resolve(base, source.images));
  return { files, folders };
}

export function dependsOn(state: DocumentState, changed: string): boolean {
  const { files, folders } = referencedPaths(state);
  return files.includes(changed) || folders.some((folder) => changed === folder || changed.startsWith(folder + path.sep));
}
