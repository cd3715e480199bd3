/**
 * Which open configs depend on a file that changed on disk: the teacher's model.json (and the weight files
 * beside it), a CSV file, or anything inside an image folder. Those configs are re-validated.
 */
import * as path from 'node:path';
import type { DistillConfig } from '../core/config/types';

/** Absolute paths a config reads: files, and folders whose whole content matters. */
export function referencedPaths(config: DistillConfig, configPath: string): { files: string[]; folders: string[] } {
  const base = path.dirname(configPath);
  const files: string[] = [];
  const folders: string[] = [];
  if (config.teacher?.model) {
    const model = path.resolve(base, config.teacher.model);
    files.push(model);
    folders.push(path.dirname(model));
  }
  const source = config.data?.source;
  if (source?.kind === 'csv') files.push(path.resolve(base, source.csv));
  if (source?.kind === 'images') folders.push(path.resolve(base, source.images));
  return { files, folders };
}

export function dependsOn(config: DistillConfig, configPath: string, changed: string): boolean {
  const { files, folders } = referencedPaths(config, configPath);
  return (
    files.includes(changed) || folders.some((folder) => changed === folder || changed.startsWith(folder + path.sep))
  );
}
