import type { ConfigFileSystem } from '../analysis/file-system';

/** The file access listing runs needs: the config adapter plus modification times (to sort runs newest first). */
export interface RunFileSystem extends ConfigFileSystem {
  /** Milliseconds since the epoch of the last change, undefined when the path does not exist. */
  modifiedMs(path: string): number | undefined;
}
