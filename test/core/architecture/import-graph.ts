/**
 * The imports of every TypeScript file under src/, read with the TypeScript compiler's own pre-processor
 * (static imports, re-exports, `import()` and `require()`), so the layering tests see what the bundler sees.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

export const SRC = path.resolve(__dirname, '..', '..', '..', 'src');

export interface ImportEdge {
  /** The importing file, relative to src/ with '/' separators. */
  readonly from: string;
  /** The specifier as written. */
  readonly specifier: string;
  /** For a relative specifier: the imported module relative to src/ (no extension); otherwise undefined. */
  readonly target?: string;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

const toPosix = (file: string): string => file.split(path.sep).join('/');

export function importEdges(root = SRC): ImportEdge[] {
  return sourceFiles(root).flatMap((file) => {
    const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
    const from = toPosix(path.relative(root, file));
    return info.importedFiles.map(({ fileName: specifier }): ImportEdge => {
      if (!specifier.startsWith('.')) return { from, specifier };
      const resolved = path.resolve(path.dirname(file), specifier.replace(/\.(js|ts)$/, ''));
      return { from, specifier, target: toPosix(path.relative(root, resolved)) };
    });
  });
}

/** The top-level folder of a path relative to src/ (`core`, `trainer`, ...). */
export const topFolder = (relative: string): string => relative.split('/')[0]!;
