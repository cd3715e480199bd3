/** Document URIs <-> file paths. Untitled documents resolve against the working folder so relative paths still mean something. */
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export function uriToPath(uri: string): string {
  if (uri.startsWith('file:')) {
    try {
      return fileURLToPath(uri);
    } catch {
      /* malformed file URI: fall through */
    }
  }
  const name = uri.slice(uri.lastIndexOf('/') + 1) || 'untitled.distill.yaml';
  return path.resolve(process.cwd(), decodeURIComponent(name.replace(/[?#].*$/, '')));
}

export const pathToUri = (file: string): string => pathToFileURL(file).href;
