/**
 * The picture of imports has no arrow running back up (DESIGN.md, issue 14):
 *   core <- node <- server / webview / trainer <- slurm <- sweep <- cli / extension
 * A folder may import from its own folder and from folders on lower tiers only; folders on one tier do not
 * import each other (the trainer never reaches into the server, the webview never into the trainer).
 * core is pure: no Node built-ins, no vscode, no tfjs, no onnxruntime; it reads files only through the
 * adapter it is given, and src/node/ holds the Node one. The webview runs in a browser: no Node either.
 */
import { builtinModules } from 'node:module';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importEdges, topFolder, type ImportEdge } from './import-graph';

const TIERS: Readonly<Record<string, number>> = {
  core: 0,
  node: 0.5,
  server: 1,
  webview: 1,
  trainer: 1,
  slurm: 2,
  sweep: 3,
  cli: 4,
  extension: 4,
};

const edges = importEdges();

/** True when the import reaches a folder that is not strictly below the importing one. */
function runsBackUp(edge: ImportEdge): boolean {
  if (edge.target === undefined) return false;
  const from = topFolder(edge.from);
  const to = topFolder(edge.target);
  return from !== to && !(TIERS[to]! < TIERS[from]!);
}

/** Node built-ins, the editor API, TensorFlow.js and onnxruntime: what a pure (or browser) module must not load. */
function isImpure(specifier: string): boolean {
  return (
    specifier.startsWith('node:') ||
    builtinModules.includes(specifier.split('/')[0]!) ||
    specifier === 'vscode' ||
    specifier.startsWith('@tensorflow/') ||
    specifier.startsWith('onnxruntime')
  );
}

/** Imports that break purity: core may load none of the above, the webview no Node (built-ins or src/node). */
function breaksPurity(edge: ImportEdge): boolean {
  const from = topFolder(edge.from);
  if (from === 'core') return isImpure(edge.specifier);
  if (from === 'webview')
    return isImpure(edge.specifier) || (edge.target !== undefined && topFolder(edge.target) === 'node');
  return false;
}

function describeEdge(edge: ImportEdge): string {
  return `src/${edge.from} imports '${edge.specifier}'`;
}

void describe('import layering of src/', () => {
  void it('reads the imports of every folder it knows, and knows every folder', () => {
    const folders = new Set(edges.map((edge) => topFolder(edge.from)));
    assert.deepEqual([...folders].sort(), Object.keys(TIERS).sort(), 'a new folder under src/ needs a tier here');
    assert.ok(edges.length > 500, `only ${edges.length} imports found: the parser missed files`);
  });

  void it('has no relative import that leaves src/', () => {
    const leaving = edges.filter((edge) => edge.target?.startsWith('..'));
    assert.deepEqual(leaving.map(describeEdge), []);
  });

  void it('has no arrow running back up or sideways between folders of one tier', () => {
    assert.deepEqual(edges.filter(runsBackUp).map(describeEdge), []);
  });

  void it('keeps core pure and the webview free of Node', () => {
    assert.deepEqual(edges.filter(breaksPurity).map(describeEdge), []);
  });

  void it('tells arrows running up, sideways and down apart (the check itself can fail)', () => {
    const edge = (from: string, target: string): ImportEdge => ({ from, specifier: target, target });
    assert.ok(runsBackUp(edge('sweep/train-slurm-cli.ts', 'cli/command')), 'up: sweep -> cli');
    assert.ok(runsBackUp(edge('slurm/train-on-slurm.ts', 'sweep/seal-run')), 'up: slurm -> sweep');
    assert.ok(runsBackUp(edge('trainer/engine.ts', 'server/server')), 'sideways: trainer -> server');
    assert.ok(!runsBackUp(edge('sweep/slurm-executor.ts', 'slurm/batch-script')), 'down: sweep -> slurm');
    assert.ok(!runsBackUp(edge('core/analysis/analyze.ts', 'core/rules/weights')), 'within core');
  });

  void it('tells pure imports from impure ones (the check itself can fail)', () => {
    const edge = (from: string, specifier: string, target?: string): ImportEdge =>
      target === undefined ? { from, specifier } : { from, specifier, target };
    for (const specifier of ['node:path', 'fs', 'path/posix', 'vscode', '@tensorflow/tfjs', 'onnxruntime-node'])
      assert.ok(breaksPurity(edge('core/analysis/analyze.ts', specifier)), specifier);
    assert.ok(breaksPurity(edge('webview/main.ts', '../node/file-system', 'node/file-system')), 'webview -> node');
    assert.ok(!breaksPurity(edge('core/config/parse.ts', 'yaml')), 'yaml is pure');
    assert.ok(!breaksPurity(edge('server/server.ts', 'node:path')), 'the server may use Node');
  });
});
