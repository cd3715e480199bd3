/**
 * The published JSON Schema and the README's generated sections must match the schema object: these
 * tests fail when someone edits the schema without running `npm run schema`. The examples are also
 * validated against the generated JSON Schema with Ajv (a real, independent draft-07 validator).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { README_FILE, readmeText, SCHEMA_FILE, schemaText } from '../../../scripts/generate-schema';
import { CONFIG_MARKERS, DIAGNOSTIC_MARKERS, referenceRows } from '../../../scripts/schema/readme-sections';
import { ERROR_CODES, RISK_CODES } from '../../../src/core/diagnostics';
import { DIAGNOSTIC_DOCS } from '../../../src/core/analysis/diagnostic-docs';
import { distillSchema } from '../../../src/core/schema/distill-schema';

const ROOT = path.resolve(__dirname, '../../..');

void test('schemas/distill.schema.json is up to date (run `npm run schema` if not)', () => {
  assert.ok(fs.existsSync(SCHEMA_FILE), `${SCHEMA_FILE} is missing: run npm run schema`);
  assert.equal(
    fs.readFileSync(SCHEMA_FILE, 'utf8'),
    schemaText(),
    'schemas/distill.schema.json is stale: run npm run schema',
  );
});

void test('the README config reference and diagnostic table are up to date', () => {
  const readme = fs.readFileSync(README_FILE, 'utf8');
  for (const marker of [...CONFIG_MARKERS, ...DIAGNOSTIC_MARKERS])
    assert.ok(readme.includes(marker), `README lacks ${marker}`);
  assert.equal(readme, readmeText(readme), 'README generated sections are stale: run npm run schema');
});

void test('every schema key is documented in the README config reference', () => {
  const readme = fs.readFileSync(README_FILE, 'utf8');
  const section = readme.slice(readme.indexOf(CONFIG_MARKERS[0]), readme.indexOf(CONFIG_MARKERS[1]));
  const rows = referenceRows(distillSchema);
  assert.ok(rows.length > 50, `expected the whole schema, got ${rows.length} keys`);
  for (const { key, node } of rows) {
    assert.ok(section.includes(`| \`${key}\` |`), `README config reference lacks \`${key}\``);
    assert.ok(node.doc.trim().length > 10, `\`${key}\` has no real documentation`);
  }
});

void test('every diagnostic code has a documented trigger and source', () => {
  const documented = DIAGNOSTIC_DOCS.map((d) => d.code);
  assert.deepEqual([...documented].sort(), [...ERROR_CODES, ...RISK_CODES].sort());
  const readme = fs.readFileSync(README_FILE, 'utf8');
  for (const code of documented) assert.ok(readme.includes(`| \`${code}\` |`), `README diagnostic table lacks ${code}`);
});

void test('the examples validate against the generated JSON Schema; a bad config does not', () => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  const validate = ajv.compile(JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as object);
  const examples = fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.distill.yaml'));
  assert.ok(examples.length >= 3);
  for (const file of examples) {
    const value: unknown = parse(fs.readFileSync(path.join(ROOT, 'examples', file), 'utf8'));
    assert.ok(validate(value), `${file}: ${ajv.errorsText(validate.errors)}`);
  }
  const broken: unknown = parse(
    'version: 1\ndata: { source: mnist }\nteacher: { layers: [ { dense: { units: 0 } } ] }\nstudent: { layers: [ { dense: { units: 10 } } ] }\ndistillation: { alpha: 0.5 }\n',
  );
  assert.equal(validate(broken), false);
  const messages = ajv.errorsText(validate.errors);
  assert.match(messages, /additional properties/);
  assert.match(messages, />= 1/);
});
