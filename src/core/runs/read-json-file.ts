/**
 * A JSON file of a run or sweep folder read through the injected adapter, with each way it can fail told apart:
 * unreadable (it exists, but is too large, not a regular file or not permitted: the adapter says why), missing,
 * not JSON (the parser says why), or parsed. The readers of report.json and sweep.json word the failures.
 */
import type { ConfigFileSystem } from '../analysis/file-system';

export type JsonFileRead =
  | { readonly state: 'unreadable'; readonly reason: string }
  | { readonly state: 'missing' }
  | { readonly state: 'not-json'; readonly reason: string }
  | { readonly state: 'parsed'; readonly value: unknown };

export function readJsonFile(fs: Pick<ConfigFileSystem, 'readText' | 'readProblem'>, file: string): JsonFileRead {
  const text = fs.readText(file);
  if (text === undefined) {
    // A file that exists but cannot be read is not a missing one.
    const unreadable = fs.readProblem?.(file);
    return unreadable === undefined ? { state: 'missing' } : { state: 'unreadable', reason: unreadable };
  }
  try {
    return { state: 'parsed', value: JSON.parse(text) as unknown };
  } catch (error) {
    return { state: 'not-json', reason: (error as Error).message };
  }
}
