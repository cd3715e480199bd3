/**
 * Requests that wait for the worker's analysis (hover, definition, code actions, symbols, folding, the
 * panel's analysis) wait at most their time budget: a worker that never answers cannot hold a request.
 * A unit test: a real server's worker cannot be made to hang on demand.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AnalysisResults } from '../../src/server/analysis/analysis-results';
import type { OutlineResult } from '../../src/server/analysis/messages';

const outline = (version: number): OutlineResult => ({
  kind: 'outline',
  uri: 'file:///a.distill.yaml',
  version,
  nodes: [],
  symbols: [],
  folding: [],
});

void describe('waiting for an analysis', () => {
  void it('gives up with nothing when no outline arrives within the budget', async () => {
    const results = new AnalysisResults();
    assert.equal(await results.outline('file:///a.distill.yaml', 1, 20), undefined);
  });

  void it('answers with the outline of the version asked for (or newer) once it arrives', async () => {
    const results = new AnalysisResults();
    const waiting = results.outline('file:///a.distill.yaml', 2, 10_000);
    results.storeOutline(outline(1));
    results.storeOutline(outline(3));
    assert.equal((await waiting)?.version, 3);
  });
});
