/**
 * `npm run schema`: regenerates schemas/distill.schema.json and the README's config reference and
 * diagnostic table from the schema object and the rule docs. `--check` only reports staleness (exit 1).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DIAGNOSTIC_DOCS } from '../src/core/analysis/diagnostic-docs';
import { distillSchema } from '../src/core/schema/distill-schema';
import { documentSchema } from './schema/json-schema';
import {
  CONFIG_MARKERS,
  configReference,
  DIAGNOSTIC_MARKERS,
  diagnosticTable,
  replaceBetween,
} from './schema/readme-sections';

export const ROOT = path.resolve(__dirname, '..');
export const SCHEMA_FILE = path.join(ROOT, 'schemas', 'distill.schema.json');
export const README_FILE = path.join(ROOT, 'README.md');
export const SCHEMA_ID = 'https://github.com/distillery/distillery/schemas/distill.schema.json';

export function schemaText(): string {
  return `${JSON.stringify(documentSchema(distillSchema, SCHEMA_ID), null, 2)}\n`;
}

export function readmeText(current: string): string {
  const withReference = replaceBetween(
    current,
    CONFIG_MARKERS,
    configReference(distillSchema),
    '## Config reference\n\nGenerated from the schema by `npm run schema`. A `dense` layer applied to an image (or any input of rank > 1) flattens it first; the trainer does the same. Unnamed layers get TF.js-style names per type: `dense_1`, `dense_2`, `conv2d_1`, ...',
  );
  return replaceBetween(
    withReference,
    DIAGNOSTIC_MARKERS,
    diagnosticTable(DIAGNOSTIC_DOCS),
    '## Diagnostic codes\n\nStable codes used by `distillery check --format json` and the language server. Every risk is a warning that explains the danger with your numbers, cites where its threshold comes from, and offers a quick fix where one is obvious.',
  );
}

function main(): void {
  const check = process.argv.includes('--check');
  const readme = fs.existsSync(README_FILE) ? fs.readFileSync(README_FILE, 'utf8') : '';
  const outputs: [string, string, string][] = [
    [SCHEMA_FILE, fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, 'utf8') : '', schemaText()],
    [README_FILE, readme, readmeText(readme)],
  ];
  let stale = 0;
  for (const [file, before, after] of outputs) {
    if (before === after) continue;
    stale++;
    if (check) process.stderr.write(`${path.relative(ROOT, file)} is stale: run npm run schema\n`);
    else {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, after);
      process.stdout.write(`wrote ${path.relative(ROOT, file)}\n`);
    }
  }
  if (check && stale) process.exitCode = 1;
}

if (require.main === module) main();
