/**
 * The one place Distillery reads user files on a Node host (configs, CSV data, images, model.json and weight
 * files, reports, event logs, sweep records): core's analysis and run listings through `nodeFileSystem`, the
 * trainer, CLI, sweeps and the extension through `readTextFile` / `readBinaryFile`. Every read is guarded
 * alike: regular files only (a device, FIFO or socket is refused without blocking on it), and a size limit per
 * kind of file (read-limits.ts) with an error naming the file, the limit and how to raise it. Never for the
 * webview.
 */
import * as fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { RunFileSystem } from '../core/runs/run-file-system';
import { type FileKind, kindOfFile, limitBytes, limitMessage } from './read-limits';

export type { FileKind } from './read-limits';

/** A file refused by the guard (not a regular file, or above its kind's limit). `code`: ENOTREG, EISDIR or EFBIG. */
export class FileReadError extends Error {
  constructor(
    message: string,
    readonly code: 'ENOTREG' | 'EISDIR' | 'EFBIG',
  ) {
    super(message);
    this.name = 'FileReadError';
  }
}

function typeOf(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Opens a file for a guarded read: a regular file within its kind's size limit, or FileReadError. O_NONBLOCK: opening
 * a FIFO with no writer would otherwise block this process forever. The caller closes the descriptor.
 */
function openGuarded(file: string, kind: FileKind): { fd: number; size: number } {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile())
      throw new FileReadError(
        `${file} is ${typeOf(stat)}, not a regular file.`,
        stat.isDirectory() ? 'EISDIR' : 'ENOTREG',
      );
    const limit = limitBytes(kind);
    if (stat.size > limit) throw new FileReadError(limitMessage(file, kind, stat.size, limit), 'EFBIG');
    return { fd, size: stat.size };
  } catch (error) {
    fs.closeSync(fd);
    throw error;
  }
}

/** A file's bytes, guarded; throws FileReadError or the file system's own error (ENOENT, EACCES) for the caller to word. */
export function readBinaryFile(file: string, kind: FileKind = kindOfFile(file)): Buffer {
  const { fd, size } = openGuarded(file, kind);
  try {
    const buffer = Buffer.allocUnsafe(size);
    let offset = 0;
    while (offset < size) {
      const read = fs.readSync(fd, buffer, offset, size - offset, offset);
      if (read === 0) break; // truncated while reading: what is there
      offset += read;
    }
    return buffer.subarray(0, offset);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * A file's text (UTF-8) handed to `onText` a chunk at a time, guarded like readBinaryFile: for files read in a
 * streaming pass (CSV data), so the whole text is never held. A character split between chunks is kept whole.
 */
export function readTextChunks(
  file: string,
  kind: FileKind,
  onText: (text: string) => void,
  chunkBytes = 1 << 20,
): void {
  const { fd, size } = openGuarded(file, kind);
  try {
    const decoder = new StringDecoder('utf8');
    const buffer = Buffer.allocUnsafe(chunkBytes);
    for (let offset = 0; offset < size;) {
      const read = fs.readSync(fd, buffer, 0, Math.min(chunkBytes, size - offset), offset);
      if (read === 0) break; // truncated while reading: what is there
      onText(decoder.write(buffer.subarray(0, read)));
      offset += read;
    }
    onText(decoder.end());
  } finally {
    fs.closeSync(fd);
  }
}

/** A file's text (UTF-8), guarded like readBinaryFile. */
export function readTextFile(file: string, kind: FileKind = kindOfFile(file)): string {
  return readBinaryFile(file, kind).toString('utf8');
}

/**
 * ConfigFileSystem over the real disk, for Node entry points (CLI, server, trainer, extension host), with the
 * modification times run listings sort by (RunFileSystem).
 */
export const nodeFileSystem: RunFileSystem = {
  readText(file) {
    try {
      return readTextFile(file);
    } catch {
      return undefined;
    }
  },
  readTextChunks(file, onText) {
    try {
      readTextChunks(file, kindOfFile(file), onText);
      return true;
    } catch {
      return false;
    }
  },
  readBytes(file) {
    try {
      return readBinaryFile(file);
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
  modifiedMs(file) {
    try {
      return fs.statSync(file).mtimeMs;
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
  realPath(file) {
    try {
      return fs.realpathSync(file);
    } catch {
      return undefined;
    }
  },
  readProblem(file) {
    try {
      readBinaryFile(file);
      return undefined;
    } catch (error) {
      if (error instanceof FileReadError) return error.message;
      const code = (error as { code?: string }).code;
      if (code === 'EACCES' || code === 'EPERM') return `${file} cannot be read: permission denied.`;
      return undefined;
    }
  },
};
