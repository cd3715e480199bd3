/** core/format's report renderers (report.md, the CLI results table) and sweep event lines. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeExport } from '../../../src/core/format/export-text';
import { renderReportMarkdown } from '../../../src/core/format/report-markdown';
import { reportHeadline, summarizeReport } from '../../../src/core/format/report-summary';
import { describeShippedAccuracy } from '../../../src/core/format/shipped-accuracy-text';
import { resultsTable } from '../../../src/core/format/results-table';
import { describeSweepEvent } from '../../../src/core/format/sweep-event-text';
import { checkRunReport, type ExportResult, type RunReport } from '../../../src/core/protocol/report';
import { report } from '../../webview/fixtures/panel-fixtures';
import { onnxExportResult } from '../runs/report-corpus';

const time = '2026-11-29T00:00:00Z';

void describe('report text', () => {
  // The panel fixture's report has exports; these texts are checked first without them (a run made before them).
  const { exports: _shipped, ...r } = report('run-x');

  void it('lists every model in one order with binary sizes and grouped counts, then the gain and its verdict', () => {
    const table = resultsTable(r).split('\n');
    assert.deepEqual(
      table.slice(2, 7).map((line) => line.split(/\s{2,}/)[0]),
      ['teacher', 'baseline', 'student', 'pruned', 'quantized (int8)'],
    );
    assert.match(
      table[2]!,
      /^teacher\s+96\.67%\s+100\.00%\s+0\.020\s+76\.67%\s+12,000\s+46\.9 KiB\s+42\.2 KiB\s+1\.20 ms\s+150 µs$/,
    );
    assert.match(table[5]!, /\s300\/600\s/, 'pruned: non-zero of all parameters');
    assert.equal(
      table.at(-2),
      'distillation gain (student - baseline): +3.33 ± 3.33 pt over 3 seeds: no clear difference from training on labels alone',
    );
  });

  void it('writes report.md with the same numbers, durations and the per-seed gains', () => {
    const md = renderReportMarkdown(r);
    assert.match(
      md,
      /- Durations: data 1\.0 s, teacher 1 min 0 s, student 50 s, baseline 40 s, evaluation 29 s, total 3 min 0 s/,
    );
    assert.match(
      md,
      /\| teacher \(float32\) \| 96\.67% \| 100\.00% \| 0\.0000 \| 0\.0200 \| 76\.67% \(0\.05\) \| 12,000 \| 12,000 \| 46\.9 KiB \|/,
    );
    assert.match(
      md,
      /\*\*\+3\.33 ± 3\.33 pt over 3 seeds\*\* \(per seed: \+3\.33 pt, \+6\.67 pt, \+0\.00 pt\): no clear difference from training on labels alone\./,
    );
  });

  void it('sums a run up in one line, and heads it with the final model against the teacher', () => {
    assert.equal(
      summarizeReport(r),
      'student 93.3% / teacher 96.7% / baseline 90.0%, gain +3.33 ± 3.33 pt over 3 seeds',
    );
    assert.equal(reportHeadline(r), 'quantized 90.0% / teacher 96.7%', 'no exports: no size quoted');
    assert.equal(reportHeadline({ ...r, pruned: undefined, quantized: undefined }), 'student 93.3% / teacher 96.7%');
    const shipped: RunReport = { ...r, exports: [onnxExportResult(2400), onnxExportResult(1200)] };
    assert.equal(
      summarizeReport(shipped),
      "student 93.3% / teacher 96.7% / baseline 90.0%, gain +3.33 ± 3.33 pt over 3 seeds, final model model.onnx 90.0%, 1.2 KiB, 40.0× smaller than the teacher's weights",
    );
    assert.equal(reportHeadline(shipped), 'model.onnx (quantized) 90.0% / teacher 96.7%, 1.2 KiB (40.0× smaller)');
    const smallestScoresLess: RunReport = {
      ...r,
      exports: [onnxExportResult(2400), { ...onnxExportResult(1200), accuracy: 0.8667 }],
    };
    assert.equal(
      reportHeadline(smallestScoresLess),
      'model.onnx (quantized) 86.7% / teacher 96.7%, 1.2 KiB (40.0× smaller)',
      "the headline quotes the shipped file's accuracy, not the in-process model's 90.0%",
    );
    assert.match(summarizeReport(smallestScoresLess), /final model model\.onnx 86\.7%, 1\.2 KiB/);
    const bare: RunReport = {
      ...r,
      teacher: undefined,
      baseline: undefined,
      student: undefined,
      pruned: undefined,
      quantized: undefined,
      distillation_gain: null,
    };
    assert.equal(summarizeReport(bare), '');
    assert.equal(reportHeadline(bare), undefined);
  });

  void it('says which accuracy is the shipped one and why the in-process row differs, from the measured fields', () => {
    const inProcess = { ...r.quantized!, metrics: { ...r.quantized!.metrics, accuracy: 0.9035 } };
    const tfjs: ExportResult = {
      ...onnxExportResult(1900),
      format: 'tfjs',
      path: 'export/tfjs/model.json',
      weights: 'uint8',
      runtime: '@tensorflow/tfjs 4.22.0 (wasm)',
      accuracy: 0.9018,
      fidelity: { agreement: 0.996, max_logit_diff: 0.0821 },
    };
    const onnx: ExportResult = {
      ...onnxExportResult(1200),
      runtime: 'onnxruntime-node 1.30.0 (default graph optimisations)',
      accuracy: 0.9018,
      fidelity: { agreement: 0.997, max_logit_diff: 0.0794 },
      without_graph_optimisations: { accuracy: 0.9035, fidelity: { agreement: 1, max_logit_diff: 5.2e-6 } },
    };
    const differing: RunReport = { ...r, quantized: inProcess, exports: [tfjs, onnx] };
    const expected =
      "Shipped files: tfjs/model.json 90.18% (uint8 weights, one scale per tensor as TF.js stores them, in @tensorflow/tfjs 4.22.0 (wasm); max logit difference 0.082 against the run's int8 model, same top-1 on 99.60%); " +
      "model.onnx 90.18% (int8 weights, in onnxruntime-node 1.30.0 (default graph optimisations); max logit difference 0.079 against the run's int8 model, same top-1 on 99.70%; with graph optimisations disabled 90.35%, max logit difference 0.0000052). " +
      "The quantized row's 90.35% is the run's in-process int8 model, which model.onnx reproduces only with onnxruntime's graph optimisations disabled; a user loading the files as measured above gets the files' accuracy.";
    assert.equal(describeShippedAccuracy(differing), expected);
    assert.ok(renderReportMarkdown(differing).includes(`\n${expected}\n`), 'report.md says it under the exports');
    assert.ok(resultsTable(differing).includes(`\n${expected}\n`), 'distillery report says it under the exports');
    const tfjsSame: RunReport = {
      ...differing,
      exports: [
        { ...tfjs, accuracy: 0.9035 },
        { ...onnx, without_graph_optimisations: undefined },
      ],
    };
    assert.match(
      describeShippedAccuracy(tfjsSame)!,
      /in-process int8 model, which tfjs\/model\.json also scores; a user/,
    );
    const same: RunReport = { ...r, exports: [{ ...onnx, accuracy: 0.9, without_graph_optimisations: undefined }] };
    assert.equal(
      describeShippedAccuracy(same),
      "Shipped files: model.onnx 90.00% (int8 weights, in onnxruntime-node 1.30.0 (default graph optimisations); max logit difference 0.079 against the run's int8 model, same top-1 on 99.70%).",
      'no difference to explain when every file scores what the quantized row says',
    );
    assert.equal(describeShippedAccuracy(r), undefined, 'no exports: nothing measured, nothing said');
  });

  void it('describes a shipped file the same way in the results table and distillery export', () => {
    const line = describeExport(onnxExportResult(1200));
    assert.equal(
      line,
      '1.2 KiB (1.2 KiB gzipped), int8 weights, accuracy 90.00%, agreement 95.00%, input features [batch, 4], 100 µs at b=1 in onnxruntime-node 1.30.0',
    );
    assert.ok(resultsTable({ ...r, exports: [onnxExportResult(1200)] }).includes(`  export/model.onnx: ${line}\n`));
    assert.match(resultsTable({ ...r, exports: [] }), /no exports yet/);
  });

  void it('puts quantization-aware next to post-training quantization: a row each and the difference in points', () => {
    const post = r.quantized!;
    const aware = {
      ...post,
      label: 'quantized to int8, quantization-aware',
      metrics: { ...post.metrics, accuracy: 0.95 },
    };
    const both: RunReport = { ...r, quantized_aware: aware };
    const comparison = `int8: quantization-aware 95.00% vs post-training ${(post.metrics.accuracy * 100).toFixed(2)}% (+${((0.95 - post.metrics.accuracy) * 100).toFixed(2)} pt)`;
    const table = resultsTable(both).split('\n');
    assert.deepEqual(
      table.slice(6, 8).map((line) => line.split(/\s{2,}/)[0]),
      ['quantized (int8)', 'quantized_aware (int8)'],
    );
    assert.ok(
      table.some((line) => line.startsWith(comparison)),
      `the table says ${comparison}:\n${table.join('\n')}`,
    );
    const markdown = renderReportMarkdown(both);
    assert.match(markdown, /\| quantized_aware \(int8\) \| 95\.00% \|/);
    assert.ok(markdown.includes(`Quantization, post-training against quantization-aware: ${comparison}`), markdown);
    assert.ok(!resultsTable(r).includes('quantization-aware'), 'no comparison without both');
    assert.equal(reportHeadline(both), 'quantized_aware 95.0% / teacher 96.7%', 'the headline names the shipped model');
  });

  void it('writes the memory budget into report.md only when the report has it', () => {
    const base = report('run-m');
    const withMemory: RunReport = {
      ...base,
      dataset: { ...base.dataset!, storage: { bytes_on_disk: 2048, cache_bytes: 3 * 1024 * 1024, resident_bytes: 0 } },
      peak_rss_bytes: 1024 * 1024 * 1024,
    };
    const markdown = renderReportMarkdown(withMemory);
    assert.ok(markdown.includes('\n- Data 2.0 KiB on disk, decoded cache 3.00 MiB, inputs read per batch\n'), markdown);
    assert.ok(markdown.includes('\n- Peak memory of the trainer: 1.00 GiB\n'), markdown);
    const without = renderReportMarkdown(base);
    assert.doesNotMatch(without, /on disk|Peak memory/);
  });

  void it("writes the memory estimate's parts and the baseline worker's peak; the report validator checks the new fields", () => {
    const MIB = 1024 * 1024;
    const withParts: RunReport = {
      ...report('run-p'),
      peak_rss_bytes: 300 * MIB,
      baseline_worker_peak_rss_bytes: 200 * MIB,
      memory_estimate: {
        estimated_bytes: 600 * MIB,
        available_bytes: 8192 * MIB,
        breakdown: {
          runtime_bytes: 256 * MIB,
          input_bytes: 2 * MIB,
          models: [
            { role: 'teacher', params: 1_000_000, bytes: 16_000_000 },
            { role: 'student', params: 1000, bytes: 16_000 },
          ],
          activation_bytes: 4 * MIB,
          baseline_worker_bytes: 262 * MIB,
        },
      },
    };
    const markdown = renderReportMarkdown(withParts);
    assert.ok(
      markdown.includes(
        '\n- Estimated peak 600.00 MiB (runtime 256.00 MiB, inputs 2.00 MiB, teacher 1,000,000 parameters 15.26 MiB, ' +
          'student 1,000 parameters 15.6 KiB, activations 4.00 MiB, baseline worker process 262.00 MiB) of 8.00 GiB available\n',
      ),
      markdown,
    );
    assert.ok(
      markdown.includes('\n- Peak memory of the trainer: 300.00 MiB; of the baseline worker process: 200.00 MiB\n'),
      markdown,
    );
    assert.equal(checkRunReport(withParts), undefined);
    const { breakdown } = withParts.memory_estimate!;
    const badRole = { ...breakdown!, models: [{ role: 'tutor', params: 1, bytes: 16 }] };
    assert.match(
      checkRunReport({ ...withParts, memory_estimate: { ...withParts.memory_estimate, breakdown: badRole } }) ?? '',
      /report\.memory_estimate\.breakdown\.models\[0\]\.role/,
    );
    assert.match(
      checkRunReport({ ...withParts, baseline_worker_peak_rss_bytes: '2 GB' }) ?? '',
      /baseline_worker_peak_rss_bytes/,
    );
    const { memory_estimate: _estimate, baseline_worker_peak_rss_bytes: _worker, ...older } = withParts;
    assert.equal(checkRunReport(older), undefined, 'reports from before these fields stay readable');
  });

  void it('shows unmeasured numbers as the missing mark, not NaN', () => {
    const broken: RunReport = {
      ...r,
      student: { ...r.student!, metrics: { ...r.student!.metrics, kl_to_teacher: Number.NaN, ece: Number.NaN } },
      distillation_gain: { per_seed: [0.02], mean: 0.02, std: 0, seeds: 1 },
    };
    const md = renderReportMarkdown(broken);
    assert.doesNotMatch(md, /NaN|undefined/);
    assert.match(md, /\| student \(float32\) \| 93\.33% \| 96\.67% \| — \| — \|/);
    assert.match(md, /\*\*\+2\.00 pt over 1 seed\*\* \(per seed: \+2\.00 pt\): one seed only/);
    assert.doesNotMatch(resultsTable(broken), /NaN|undefined/);
  });
});

void describe('sweep events as text', () => {
  void it('says the start, each trial with its job and objective or error, progress and the end', () => {
    assert.equal(
      describeSweepEvent({
        type: 'sweep-start',
        time,
        sweep_dir: '/s',
        executor: 'slurm',
        trials: 6,
        to_run: ['a', 'b'],
      }),
      'sweep /s: 2 of 6 trials to run (slurm)',
    );
    assert.equal(
      describeSweepEvent({ type: 'trial', time, id: 'trial-001', status: 'done', objective: 0.97, job_id: '12_1' }),
      'trial-001 done (Slurm job 12_1) objective 0.9700',
    );
    assert.equal(
      describeSweepEvent({ type: 'trial', time, id: 'trial-003', status: 'failed', error: 'loss became NaN' }),
      'trial-003 failed: loss became NaN',
    );
    assert.equal(describeSweepEvent({ type: 'trial-progress', time, id: 't', message: 'm' }), 't: m');
    const counts = { pending: 1, running: 0, done: 4, failed: 1, cancelled: 0 };
    assert.equal(
      describeSweepEvent({
        type: 'sweep-end',
        time,
        status: 'failed',
        sweep_dir: '/s',
        counts,
        best: { trial: 'trial-001', objective: 0.97 },
      }),
      'sweep failed: 4 done, 1 failed, 0 cancelled; best trial-001 (objective 0.9700)',
    );
    assert.match(
      describeSweepEvent({ type: 'sweep-end', time, status: 'done', sweep_dir: '/s', counts }),
      /no trial finished/,
    );
  });
});
