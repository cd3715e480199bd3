/** Training (live curves, phase, ETA) and Results views in real Chromium, with chart table views. */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { HostMessage } from '../../src/core/protocol/webview-messages';
import type { RunEvent, SearchPointTag } from '../../src/core/protocol/run-events';
import { formatBytes } from '../../src/core/format/bytes';
import { formatDuration, formatMs } from '../../src/core/format/duration';
import { formatNumber } from '../../src/core/format/numbers';
import { formatPercent, formatPoints } from '../../src/core/format/percent';
import { shippedAccuracy } from '../../src/core/format/shipped-accuracy-text';
import { CONFIG_INIT, RUN_EVENTS, epochEvent, report } from './fixtures/panel-fixtures';
import { openPanel, paintedPixels, sendAll, settle, tableRows, textOf, type Panel } from './harness';
import { useChromiumSuite } from './chromium-suite';

void describe('training view', () => {
  const chromium = useChromiumSuite();
  let panel: Panel;

  before(async () => {
    panel = await openPanel(chromium.browser, chromium.server);
    await sendAll(panel, [CONFIG_INIT, { type: 'runEvents', payload: { events: RUN_EVENTS } }]);
    await panel.page.locator('#tab-training').click();
    await settle(panel.page);
  });

  void it('shows the phase, the epoch and the ETA of the latest event', async () => {
    const { page } = panel;
    assert.equal(await textOf(page, '.training-status .run-state'), 'Running');
    assert.equal(await textOf(page, '.training-status .phase'), 'Phase: student — Distilling into the student');
    assert.equal(await textOf(page, '.training-status .epoch'), 'student: epoch 2 of 10');
    assert.equal(
      await textOf(page, '.training-status .eta'),
      `ETA ${formatDuration(epochEvent('student', 2).eta_seconds!)}`,
    );
    assert.equal(await textOf(page, '.training-warnings li'), 'Validation loss rose for 2 epochs (early-stopping)');
    assert.equal(await textOf(page, '#tab-training'), 'Training (running)');
  });

  void it('draws loss, accuracy and learning-rate charts', async () => {
    for (const id of ['training-loss', 'training-accuracy', 'training-lr']) {
      assert.ok((await paintedPixels(panel, id)) > 500, `${id} has drawn pixels`);
    }
    assert.deepEqual(panel.errors, []);
  });

  void it('has a table view of the loss split into soft, hard and feature terms per role', async () => {
    const header = await panel.page.locator('figure[data-chart="training-loss"]').evaluate(async (card) => {
      (card.querySelector('button.table-toggle') as HTMLButtonElement).click();
      await new Promise((resolve) => requestAnimationFrame(resolve));
      return Array.from(card.querySelectorAll('thead th')).map((th) => th.textContent);
    });
    assert.deepEqual(header, [
      'Epoch',
      'teacher loss',
      'teacher validation loss',
      'student loss',
      'student soft term',
      'student hard term',
      'student feature term',
      'student validation loss',
    ]);
    const rows = await tableRows(panel, 'training-loss');
    assert.equal(rows.length, 3, 'epochs 1 to 3');
    const teacher1 = epochEvent('teacher', 1);
    const student2 = epochEvent('student', 2);
    assert.deepEqual(rows[0]!.slice(0, 3), ['1', formatNumber(teacher1.loss), formatNumber(teacher1.val_loss!)]);
    assert.deepEqual(
      rows[1]!.slice(3),
      [
        student2.loss,
        student2.loss_terms!.soft!,
        student2.loss_terms!.hard!,
        student2.loss_terms!.feature!,
        student2.val_loss!,
      ].map((v) => formatNumber(v)),
    );
    assert.equal(rows[2]![3], '—', 'the student has no epoch 3 yet');
  });

  void it('appends live events to the open table and chart', async () => {
    const next = epochEvent('student', 3, 1, 20);
    await sendAll(panel, [{ type: 'runEvents', payload: { events: [next] } }]);
    const rows = await tableRows(panel, 'training-loss');
    assert.equal(rows[2]![3], formatNumber(next.loss));
    const accuracy = await tableRows(panel, 'training-accuracy');
    assert.deepEqual(accuracy[2]!.slice(3), [formatPercent(next.train_accuracy), formatPercent(next.val_accuracy!)]);
    assert.equal(await textOf(panel.page, '.training-status .eta'), `ETA ${formatDuration(next.eta_seconds!)}`);
  });

  void it('ends with the run summary, and a new start event clears the curves', async () => {
    const { page } = panel;
    await sendAll(panel, [
      {
        type: 'runEvents',
        payload: {
          events: [
            {
              type: 'done',
              time: '2026-11-27T12:10:00.000Z',
              report_path: '/r/report.json',
              summary: 'student 96.7% / teacher 96.7%, 20x smaller',
            },
          ],
        },
      },
    ]);
    assert.equal(await textOf(page, '.training-status .run-state'), 'Done');
    assert.equal(await textOf(page, '.training-status .summary'), 'student 96.7% / teacher 96.7%, 20x smaller');
    assert.equal(await textOf(page, '#tab-training'), 'Training');
    await sendAll(panel, [{ type: 'runEvents', payload: { events: [RUN_EVENTS[0]!] } }]);
    assert.equal(await page.locator('figure.chart-card').count(), 0);
    assert.ok((await textOf(page, '.view.training .placeholder')).startsWith('No training events yet'));
    await sendAll(panel, [
      {
        type: 'runEvents',
        payload: {
          events: [
            { type: 'failed', time: '2026-11-27T12:11:00.000Z', error: 'out of memory', hint: 'lower batch_size' },
          ],
        },
      },
    ]);
    assert.equal(await textOf(page, '.training-status .run-state'), 'Failed');
    assert.equal(await textOf(page, '.training-status .error-text'), 'out of memory');
    assert.deepEqual(panel.errors, []);
  });
});

void describe('training view during a compression search', () => {
  const chromium = useChromiumSuite();
  const at = '2026-11-27T12:01:00.000Z';
  const tag = (id: string, index: number): SearchPointTag => ({ id, index, total: 6 });
  const evalOf = (role: 'pruned' | 'quantized', accuracy: number, point: SearchPointTag): RunEvent => {
    const metrics = report('run-s').quantized!.metrics;
    return {
      type: 'eval',
      time: at,
      role,
      metrics: { ...metrics, accuracy },
      params: 600,
      bytes: 600,
      search_point: point,
    };
  };
  const SEARCH: RunEvent[] = [
    { type: 'phase', time: at, phase: 'search', message: 'Searching 6 compression point(s).' },
    {
      type: 'phase',
      time: at,
      phase: 'search',
      message: 'Search point none-float32.',
      search_point: tag('none-float32', 1),
    },
    { type: 'phase', time: at, phase: 'search', message: 'Search point none-int8.', search_point: tag('none-int8', 2) },
    {
      type: 'phase',
      time: at,
      phase: 'quantization',
      message: 'Quantizing the weights to int8.',
      search_point: tag('none-int8', 2),
    },
    evalOf('quantized', 0.9, tag('none-int8', 2)),
    { type: 'phase', time: at, phase: 'pruning', message: 'Pruning 50% of units.', search_point: tag('units50', 4) },
    { ...epochEvent('pruned', 1), search_point: tag('units50', 4) },
    { type: 'warning', time: at, message: 'Accuracy fell.', code: 'pruning/drop', search_point: tag('units50', 4) },
  ];

  void it('groups the points under one line, keeps their epochs off the run’s curves, and names them in warnings', async () => {
    const panel = await openPanel(chromium.browser, chromium.server);
    await sendAll(panel, [CONFIG_INIT, { type: 'runEvents', payload: { events: RUN_EVENTS } }]);
    await panel.page.locator('#tab-training').click();
    await settle(panel.page);
    assert.equal(await panel.page.locator('.search-points').isVisible(), false, 'no search yet: no group');
    const lossHeader = async (): Promise<string[]> => {
      const rows = await tableRows(panel, 'training-loss');
      assert.ok(rows.length > 0);
      return panel.page.locator('figure[data-chart="training-loss"] thead th').allTextContents();
    };
    const before = await lossHeader();
    await sendAll(panel, [{ type: 'runEvents', payload: { events: SEARCH } }]);
    await settle(panel.page);
    assert.equal(await textOf(panel.page, '.search-points summary'), 'Compression search: 4 of 6 points');
    assert.equal(
      await textOf(panel.page, '.training-status .phase'),
      'Phase: search — compression search: 4 of 6 points',
    );
    const rows = panel.page.locator('.search-points tbody tr');
    assert.deepEqual(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-point'))), [
      'none-float32',
      'none-int8',
      'units50',
    ]);
    assert.deepEqual(await rows.nth(1).locator('th, td').allTextContents(), [
      'none-int8',
      '2 of 6',
      'Quantizing the weights to int8.',
      'quantized: test accuracy 90.0% · agreement 93.3%',
    ]);
    assert.match(
      (await rows.nth(2).locator('td').allTextContents())[1]!,
      /^pruned seed 1 epoch 1\/10 · loss \d\.\d{4} · val \d+\.\d%$/,
      'the latest step of the point is its fine-tuning epoch',
    );
    assert.deepEqual(await lossHeader(), before, "the points' fine-tuning adds no curves");
    assert.ok(
      (await panel.page.locator('.training-warnings li').allTextContents()).includes(
        'search point 4 of 6 (units50): Accuracy fell. (pruning/drop)',
      ),
    );
    assert.deepEqual(panel.errors, []);
  });
});

void describe('results view', () => {
  const chromium = useChromiumSuite();
  let panel: Panel;
  const r = report('run-a');
  const init: HostMessage = {
    type: 'init',
    payload: { kind: 'run', target: 'file:///work/runs/run-a', title: 'Distillery run: run-a' },
  };

  before(async () => {
    panel = await openPanel(chromium.browser, chromium.server, 'light');
    await sendAll(panel, [init, { type: 'report', payload: { runId: 'run-a', report: r } }]);
  });

  void it('offers only the Results view for a run panel', async () => {
    assert.deepEqual(await panel.page.locator('[role="tab"]').allTextContents(), ['Results']);
    assert.equal(await textOf(panel.page, 'h1.panel-title'), 'Distillery run: run-a');
  });

  void it('compares teacher, baseline, student, pruned and quantized side by side', async () => {
    const table = panel.page.locator('table.summary');
    assert.deepEqual(await table.locator('thead th').allTextContents(), [
      '',
      'teacher',
      'baseline',
      'student',
      'pruned',
      'quantized',
    ]);
    const row = async (label: string): Promise<string[]> =>
      await table
        .locator('tbody tr')
        .filter({ has: panel.page.locator('th', { hasText: label }) })
        .first()
        .locator('td')
        .allTextContents();
    assert.deepEqual(
      await row('Accuracy'),
      [r.teacher!, r.baseline!, r.student!, r.pruned!, r.quantized!].map((m) => formatPercent(m.metrics.accuracy, 2)),
    );
    assert.deepEqual(
      await row('ECE'),
      [r.teacher!, r.baseline!, r.student!, r.pruned!, r.quantized!].map((m) => formatPercent(m.metrics.ece, 2)),
    );
    assert.equal((await row('Latency, batch of 1'))[2], formatMs(r.student!.latency.batch1_ms));
    assert.equal((await row('Weights, gzipped'))[4], '420 B');
  });

  void it('lists the shipped files, measured on the file, and asks the host to reveal one (typed message)', async () => {
    const rows = panel.page.locator('table.exports-table tbody tr');
    assert.deepEqual(await rows.locator('th').allTextContents(), ['export/tfjs/model.json', 'export/model.onnx']);
    const onnx = await rows.nth(1).locator('td').allTextContents();
    assert.deepEqual(onnx.slice(0, 5), ['int8', 'features [batch, 4]', '600 B', '420 B', formatPercent(0.9, 2)]);
    const measuredOn = await panel.page
      .locator('table.summary tbody tr')
      .filter({ has: panel.page.locator('th', { hasText: 'Size measured on' }) })
      .locator('td')
      .allTextContents();
    assert.equal(measuredOn[4], 'export/model.onnx', 'the quantized size is that of the shipped ONNX file');
    await panel.page.locator('[data-reveal-export="export/model.onnx"]').click();
    await panel.waitForPosted('revealExport');
    const posted = (await panel.posted()).filter((m) => m.type === 'revealExport');
    assert.deepEqual(posted, [{ type: 'revealExport', payload: { runId: 'run-a', path: 'export/model.onnx' } }]);
  });

  void it('says which accuracy is the shipped one, and why the quantized column differs when it does', async () => {
    const note = panel.page.locator('.shipped-accuracy');
    assert.equal(
      await note.getAttribute('data-shipped'),
      'same',
      'the fixture files score what the quantized row says',
    );
    assert.equal(await note.locator('p').first().textContent(), `Shipped files: ${shippedAccuracy(r)!.files}`);
    assert.match(
      (await note.textContent()) ?? '',
      /^Shipped files: tfjs\/model\.json 90\.00% \(uint8 weights, one scale per tensor/,
    );
    assert.equal(await note.locator('.shipped-difference').count(), 0);
    const differing = { ...r, quantized: { ...r.quantized!, metrics: { ...r.quantized!.metrics, accuracy: 0.9333 } } };
    await sendAll(panel, [{ type: 'report', payload: { runId: 'run-a', report: differing } }]);
    assert.equal(await note.getAttribute('data-shipped'), 'differs');
    assert.equal(
      await textOf(panel.page, '.shipped-accuracy .shipped-difference'),
      "The quantized row's 93.33% is the run's in-process int8 model, which no shipped file reproduces exactly; a user loading the files as measured above gets the files' accuracy.",
    );
    await sendAll(panel, [{ type: 'report', payload: { runId: 'run-a', report: r } }]);
  });

  void it('shows the latency of the shipped files with the backend, and marks the step that made the model slower', async () => {
    const latency = r.shipped_latency!;
    const rows = panel.page.locator('table.latency-table tbody tr');
    assert.deepEqual(await rows.locator('th').allTextContents(), ['student', 'pruned', 'quantized']);
    const quantized = await rows.nth(2).locator('td').allTextContents();
    assert.deepEqual(quantized.slice(0, 4), [
      'export/tfjs/model.json',
      '700 B',
      formatMs(latency.models[2]!.batch1_ms),
      formatMs(latency.models[2]!.batched_ms),
    ]);
    assert.equal(quantized[4], '1.60× slower than the pruned model at batch 1, 1.20× slower batched (slower)');
    assert.deepEqual(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-slower'))), [
      'false',
      'false',
      'true',
    ]);
    assert.match(await textOf(panel.page, 'table.latency-table caption'), /wasm backend, @tensorflow\/tfjs 4\.22\.0/);
    const notes = await panel.page.locator('.shipped-latency .latency-slower').allTextContents();
    assert.equal(notes.length, 2, 'the TF.js and the ONNX slower step');
    assert.match(
      notes[0]!,
      /^Quantization made the shipped model slower: the quantized model \(export\/tfjs\/model\.json\)/,
    );
    assert.match(
      notes[1]!,
      /^Quantization made the shipped ONNX model slower: the quantized model \(export\/model\.onnx\)/,
    );
  });

  void it('shows the same steps timed as ONNX with onnxruntime, its execution provider and graph optimisation named', async () => {
    const onnx = r.shipped_latency!.onnx!;
    const rows = panel.page.locator('table.onnx-latency-table tbody tr');
    assert.deepEqual(await rows.locator('th').allTextContents(), ['student', 'pruned', 'quantized']);
    const cells = await rows.evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent ?? '')),
    );
    assert.deepEqual(
      cells.map((c) => c.slice(0, 4)),
      onnx.models.map((m) => [
        `${m.file}${m.encoded ? ' (encoded as ONNX)' : ''}`,
        formatBytes(m.bytes),
        formatMs(m.batch1_ms),
        formatMs(m.batched_ms),
      ]),
    );
    assert.equal(cells[2]![4], 'as fast as the pruned model at batch 1, 1.50× slower batched (slower)');
    assert.match(
      await textOf(panel.page, 'table.onnx-latency-table caption'),
      /onnxruntime-node 1\.30\.0 \(cpu execution provider, graph optimisation level all\)/,
    );
    assert.equal(await panel.page.locator('.shipped-latency .latency-unmeasured').count(), 0);
  });

  void it('says why the ONNX files were not timed, and keeps the TF.js rows', async () => {
    const { onnx: _timed, ...tfjsOnly } = r.shipped_latency!;
    const unmeasured = { ...tfjsOnly, onnx_unmeasured: 'export/model.onnx: file not found' };
    await sendAll(panel, [
      { type: 'report', payload: { runId: 'run-a', report: { ...r, shipped_latency: unmeasured } } },
    ]);
    assert.equal(await panel.page.locator('table.onnx-latency-table').count(), 0);
    assert.equal(await panel.page.locator('table.latency-table tbody tr').count(), 3);
    assert.match(
      await textOf(panel.page, '.shipped-latency .latency-unmeasured'),
      /^ONNX latency not measured: export\/model\.onnx: file not found\. /,
    );
    await sendAll(panel, [{ type: 'report', payload: { runId: 'run-a', report: r } }]);
  });

  void it('states the distillation gain with its spread over seeds', async () => {
    const g = r.distillation_gain!;
    assert.equal(await textOf(panel.page, '[data-gain="mean"]'), formatPoints(g.mean));
    assert.equal(await textOf(panel.page, '[data-gain="std"]'), formatPoints(g.std).slice(1));
    assert.equal(
      await textOf(panel.page, '.gain-seeds'),
      `Per seed: ${g.per_seed.map((v) => formatPoints(v)).join(', ')}`,
    );
  });

  void it('ranks classes by the recall the student lost against the teacher', async () => {
    const rows = await tableRows(panel, 'results-damage');
    assert.deepEqual(
      rows.map((cells) => cells[0]),
      ['virginica', 'versicolor', 'setosa'],
    );
    assert.deepEqual(rows[0], ['virginica', formatPoints(0.9 - 0.7, 1), formatPoints(0.9 - 0.9, 1)]);
  });

  void it('draws a reliability diagram whose table lists each non-empty bin', async () => {
    const rows = await tableRows(panel, 'results-reliability');
    // Bins with no examples are left out; x = mean confidence, one column per model plus the diagonal.
    assert.deepEqual(
      rows.map((cells) => cells[0]),
      ['0.0%', '42.0%', '93.0%', '100.0%'],
    );
    assert.equal(rows[2]![3], formatPercent(r.baseline!.metrics.reliability[2]!.accuracy));
  });

  void it('shows accuracy, agreement and FGSM robustness, size and latency as charts', async () => {
    const quality = await tableRows(panel, 'results-quality');
    assert.deepEqual(quality[2], [
      'student',
      formatPercent(r.student!.metrics.accuracy),
      formatPercent(r.student!.metrics.agreement),
      formatPercent(r.student!.metrics.fgsm_accuracy!),
    ]);
    const size = await tableRows(panel, 'results-size');
    assert.equal(size[4]![0], 'quantized (int8)');
    const latency = await tableRows(panel, 'results-latency');
    assert.equal(latency.length, 5);
  });

  void it('shows a confusion matrix per model, true class by row', async () => {
    const student = panel.page.locator('table.confusion').nth(2);
    assert.ok((await student.locator('caption').textContent())?.startsWith('student'));
    const cells = await student
      .locator('tbody tr')
      .evaluateAll((rows) =>
        rows.map((row) => Array.from(row.querySelectorAll('td')).map((td) => Number(td.textContent))),
      );
    assert.deepEqual(cells, r.student!.metrics.confusion);
    assert.deepEqual(panel.errors, []);
  });

  void it('shows why a failed run failed', async () => {
    const failed = {
      ...report('run-f'),
      status: 'failed' as const,
      error: 'The teacher model file is missing',
      hint: 'Check teacher.model',
    };
    await sendAll(panel, [{ type: 'report', payload: { runId: 'run-f', report: failed } }]);
    assert.equal(await textOf(panel.page, '.failure .error-text'), 'The teacher model file is missing');
    assert.equal(await textOf(panel.page, '.failure .hint'), 'Check teacher.model');
    assert.equal(await textOf(panel.page, '.report-header [data-state]'), 'failed');
  });
});

void describe('results view with quantization-aware training', () => {
  const chromium = useChromiumSuite();
  const base = report('run-q');
  const post = base.quantized!;
  const r = {
    ...base,
    quantized_aware: { ...post, label: 'quantization-aware', metrics: { ...post.metrics, accuracy: 0.95 } },
  };

  void it('shows the quantization-aware model next to post-training quantization, and the difference', async () => {
    const panel = await openPanel(chromium.browser, chromium.server, 'light');
    await sendAll(panel, [
      { type: 'init', payload: { kind: 'run', target: 'file:///work/runs/run-q', title: 'Distillery run: run-q' } },
      { type: 'report', payload: { runId: 'run-q', report: r } },
    ]);
    const header = await panel.page.locator('table.summary thead th').allTextContents();
    assert.deepEqual(header.slice(-2), ['quantized', 'quantized_aware']);
    const accuracy = await panel.page
      .locator('table.summary tbody tr')
      .filter({ has: panel.page.locator('th', { hasText: 'Accuracy' }) })
      .first()
      .locator('td')
      .allTextContents();
    assert.deepEqual(accuracy.slice(-2), [formatPercent(post.metrics.accuracy, 2), '95.00%']);
    assert.equal(
      await textOf(panel.page, '[data-quantization="comparison"]'),
      `int8: quantization-aware 95.00% vs post-training ${formatPercent(post.metrics.accuracy, 2)} (${formatPoints(0.95 - post.metrics.accuracy)}), ${formatBytes(post.bytes)} vs ${formatBytes(post.bytes)}`,
    );
    assert.deepEqual(panel.errors, []);
  });
});
