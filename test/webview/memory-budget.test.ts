/** The Results view's "Data and memory" block in real Chromium: shown with the report's memory fields, absent without. */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { RunReport } from '../../src/core/protocol/report';
import { report } from './fixtures/panel-fixtures';
import { openPanel, sendAll, type Panel } from './harness';
import { useChromiumSuite } from './chromium-suite';

const MIB = 1024 * 1024;

/**
 * A streamed image folder: 47 MiB of files, a 144 MiB decoded cache, nothing held in memory, the estimate's parts,
 * 1.5 GiB peak of the trainer and 512 MiB of its baseline worker.
 */
function reportWithMemory(runId: string): RunReport {
  const base = report(runId);
  return {
    ...base,
    dataset: { ...base.dataset!, storage: { bytes_on_disk: 47 * MIB, cache_bytes: 144 * MIB, resident_bytes: 0 } },
    peak_rss_bytes: 1536 * MIB,
    baseline_worker_peak_rss_bytes: 512 * MIB,
    memory_estimate: {
      estimated_bytes: 300 * MIB,
      available_bytes: 2048 * MIB,
      breakdown: {
        runtime_bytes: 256 * MIB,
        input_bytes: 0,
        models: [{ role: 'student', params: 1000, bytes: 16_000 }],
        activation_bytes: 44 * MIB,
      },
    },
  };
}

async function showReport(panel: Panel, runId: string, r: RunReport): Promise<void> {
  await sendAll(panel, [{ type: 'report', payload: { runId, report: r } }]);
}

void describe('results view: data and memory', () => {
  const chromium = useChromiumSuite();
  let panel: Panel;

  before(async () => {
    panel = await openPanel(chromium.browser, chromium.server, 'light');
    await sendAll(panel, [
      { type: 'init', payload: { kind: 'run', target: 'file:///work/runs/run-m', title: 'Distillery run: run-m' } },
    ]);
  });

  void it("shows data on disk, the decoded cache, the estimate's parts and both peaks in IEC sizes", async () => {
    await showReport(panel, 'run-m', reportWithMemory('run-m'));
    const block = panel.page.locator('.results[data-run="run-m"] [data-section="memory"]');
    assert.equal(await block.locator('h3').textContent(), 'Data and memory');
    assert.deepEqual(await block.locator('li').allTextContents(), [
      'Data 47.00 MiB on disk, decoded cache 144.00 MiB, inputs read per batch',
      'Estimated peak 300.00 MiB (runtime 256.00 MiB, inputs 0 B, student 1,000 parameters 15.6 KiB, activations 44.00 MiB) of 2.00 GiB available',
      'Peak memory of the trainer: 1.50 GiB; of the baseline worker process: 512.00 MiB',
    ]);
    assert.deepEqual(panel.errors, []);
  });

  void it('says what is held in memory for data without a cache, and leaves out a missing peak', async () => {
    const base = report('run-r');
    const inMemory: RunReport = {
      ...base,
      dataset: { ...base.dataset!, storage: { bytes_on_disk: 3 * 1024, cache_bytes: 0, resident_bytes: 2 * MIB } },
    };
    await showReport(panel, 'run-r', inMemory);
    assert.deepEqual(
      await panel.page.locator('.results[data-run="run-r"] [data-section="memory"] li').allTextContents(),
      ['Data 3.0 KiB on disk, 2.00 MiB of inputs held in memory'],
    );
  });

  void it('has no block for a report without the memory fields', async () => {
    await showReport(panel, 'run-o', report('run-o'));
    const results = panel.page.locator('.results[data-run="run-o"]');
    assert.equal(await results.count(), 1, 'the report without memory fields is rendered');
    assert.equal(await results.locator('[data-section="memory"]').count(), 0);
    assert.equal(await panel.page.getByText('Data and memory').count(), 0);
    assert.deepEqual(panel.errors, []);
  });
});
