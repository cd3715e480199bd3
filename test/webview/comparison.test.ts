/** Comparison and Risks views in real Chromium: numbers, bars scaled to each other, feature lines, links, text-only rendering. */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { ANALYSIS, CONFIG_INIT, STUDENT, TEACHER, XSS_NAME } from './fixtures/panel-fixtures';
import { openPanel, sendAll, textOf, type Panel } from './harness';
import { useChromiumSuite } from './chromium-suite';
import * as path from 'node:path';
import { analyzeConfig } from '../../src/core/analysis/analyze';
import { nodeFileSystem } from '../../src/node/file-system';

const REPO = path.resolve(__dirname, '..', '..');

void describe('comparison and risks views', () => {
  const chromium = useChromiumSuite();
  let panel: Panel;

  before(async () => {
    panel = await openPanel(chromium.browser, chromium.server);
    await sendAll(panel, [CONFIG_INIT, { type: 'analysis', payload: ANALYSIS }]);
  });

  void it('shows totals and the compression ratios of teacher over student', async () => {
    const { page } = panel;
    const paramsRow = await page.locator('tr[data-total="params"] td').allTextContents();
    assert.equal(paramsRow[0], `${(TEACHER.params / 1e3).toFixed(1)}k`);
    assert.equal(paramsRow[1], `${(STUDENT.params / 1e3).toFixed(1)}k`);
    assert.equal(paramsRow[2], `${(TEACHER.params / STUDENT.params).toFixed(1)}×`);
    const flopsRatio = await textOf(page, 'tr[data-total="flops"] td.ratio');
    assert.equal(flopsRatio, `${(TEACHER.flops / STUDENT.flops).toFixed(1)}×`);
    assert.deepEqual(panel.errors, []);
  });

  void it('lists every layer of both models with output shape and figures', async () => {
    const { page } = panel;
    const teacherNames = await page.locator('[data-role="teacher"] .layer-name').allTextContents();
    assert.deepEqual(
      teacherNames,
      TEACHER.layers.map((l) => l.name),
    );
    const studentNames = await page.locator('[data-role="student"] .layer-name').allTextContents();
    assert.deepEqual(
      studentNames,
      STUDENT.layers.map((l) => l.name),
    );
    assert.equal(await textOf(page, '[data-role="student"] li.layer[data-layer="hidden"] .layer-shape'), '[32]');
    assert.equal(
      await textOf(page, '[data-role="student"] li.layer[data-layer="hidden"] [data-figure="params"]'),
      `${(STUDENT.layers[0]!.params / 1e3).toFixed(1)}k params`,
    );
  });

  void it('scales the bars of both columns to the same largest layer', async () => {
    const { page } = panel;
    const widths = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('li.layer')).map((li) => ({
        name: li.dataset.layer,
        ratio:
          li.querySelector<HTMLElement>('.bar')!.getBoundingClientRect().width /
          li.querySelector<HTMLElement>('.bar-track')!.getBoundingClientRect().width,
      })),
    );
    const largest = Math.max(...[...TEACHER.layers, ...STUDENT.layers].map((l) => l.params));
    for (const layer of [...TEACHER.layers, ...STUDENT.layers]) {
      const measured = widths.find((w) => w.name === layer.name);
      assert.ok(measured, `bar of ${layer.name}`);
      assert.ok(
        Math.abs(measured.ratio - layer.params / largest) < 0.01,
        `${layer.name}: bar ${measured.ratio} vs ${layer.params / largest}`,
      );
    }
  });

  void it('switches the bars to FLOPs and remembers it', async () => {
    const { page } = panel;
    await page.locator('button[data-metric="flops"]').click();
    assert.equal(await page.locator('button[data-metric="flops"]').getAttribute('aria-checked'), 'true');
    const ratio = await page.evaluate(() => {
      const li = document.querySelector<HTMLElement>('[data-role="student"] li.layer[data-layer="logits"]')!;
      return (
        li.querySelector('.bar')!.getBoundingClientRect().width /
        li.querySelector('.bar-track')!.getBoundingClientRect().width
      );
    });
    const largest = Math.max(...[...TEACHER.layers, ...STUDENT.layers].map((l) => l.flops));
    assert.ok(Math.abs(ratio - STUDENT.layers[1]!.flops / largest) < 0.01);
    const state = await page.evaluate(
      () => JSON.parse(sessionStorage.getItem('vscode-state') ?? '{}') as { layerMetric?: string },
    );
    assert.equal(state.layerMetric, 'flops');
    await page.locator('button[data-metric="params"]').click();
  });

  void it('draws one line per feature pair from the teacher layer to the student layer', async () => {
    const { page } = panel;
    await page.waitForFunction(() => document.querySelectorAll('path.feature-line').length === 2, undefined, {
      timeout: 5000,
    });
    const geometry = await page.evaluate(() =>
      Array.from(document.querySelectorAll<SVGPathElement>('path.feature-line')).map((p) => {
        const box = p.getBoundingClientRect();
        return { pair: p.getAttribute('data-pair'), top: box.top, bottom: box.bottom };
      }),
    );
    const rowCentre = (role: string, name: string): Promise<number> =>
      page.evaluate(
        ([r, n]) => {
          const li = Array.from(document.querySelectorAll<HTMLElement>(`[data-role="${r}"] li.layer`)).find(
            (l) => l.dataset.layer === n,
          )!;
          const box = li.getBoundingClientRect();
          return box.top + box.height / 2;
        },
        [role, name] as const,
      );
    for (const pair of ANALYSIS.features) {
      const line = geometry.find((g) => g.pair === `${pair.teacher}->${pair.student}`);
      assert.ok(line, `line for ${pair.teacher} -> ${pair.student}`);
      const ends = [await rowCentre('teacher', pair.teacher), await rowCentre('student', pair.student)].sort(
        (a, b) => a - b,
      );
      assert.ok(
        Math.abs(line.top - ends[0]!) < 3 && Math.abs(line.bottom - ends[1]!) < 3,
        `line spans ${line.top}-${line.bottom}, rows at ${ends.join(', ')}`,
      );
    }
  });

  void it('renders a layer named like an HTML tag as text and runs nothing', async () => {
    const { page } = panel;
    const names = await page.locator('[data-role="teacher"] .layer-name').allTextContents();
    assert.ok(names.includes(XSS_NAME));
    assert.equal(await page.locator('#app img').count(), 0, 'no <img> element was created from the layer name');
    assert.deepEqual(await page.evaluate(() => (window as unknown as { __alerts: string[] }).__alerts), []);
    assert.ok((await textOf(page, '.feature-pairs')).includes(`${XSS_NAME} → hidden`));
  });

  void it('lists every diagnostic with its code, explanation, source and line, and reveals the line on click', async () => {
    const { page } = panel;
    await page.locator('#tab-risks').click();
    assert.equal(await textOf(page, '#tab-risks'), `Risks (${ANALYSIS.diagnostics.length})`);
    const codes = await page.locator('li.diagnostic code.code').allTextContents();
    assert.deepEqual(
      codes,
      ANALYSIS.diagnostics.map((d) => d.code),
    );
    const gap = page.locator('li.diagnostic[data-code="risk/capacity-gap"]');
    assert.equal(await gap.locator('.message').textContent(), ANALYSIS.diagnostics[0]!.message);
    assert.equal(await gap.locator('.source').textContent(), `Source: ${ANALYSIS.diagnostics[0]!.source!}`);
    assert.equal(await gap.locator('.fixes').textContent(), 'Quick fix in the editor: Widen the student');
    assert.equal(await gap.locator('button.link').textContent(), 'Line 15');
    assert.equal(await textOf(page, '.risk-summary'), 'mnist.distill.yaml: 1 error, 2 risks.');
    assert.ok(
      (await page.locator('li.diagnostic[data-code="risk/no-baseline"] .message').textContent())?.endsWith(XSS_NAME),
    );
    await page.locator('li.diagnostic[data-code="range"] button.link').click();
    await panel.waitForPosted('revealRange');
    const reveal = (await panel.posted()).find((m) => m.type === 'revealRange');
    assert.deepEqual(reveal?.payload, { range: ANALYSIS.diagnostics[1]!.range });
    assert.equal(await page.locator('#app img').count(), 0);
    assert.deepEqual(panel.errors, []);
  });

  void it('re-renders when the host sends a new analysis (the config was edited)', async () => {
    const { page } = panel;
    await sendAll(panel, [{ type: 'analysis', payload: { ...ANALYSIS, diagnostics: [] } }]);
    assert.equal(await textOf(page, '#tab-risks'), 'Risks (0)');
    assert.equal(
      await textOf(page, '.risk-summary'),
      'No problems: mnist.distill.yaml passes every check and no risk applies.',
    );
  });

  void it("shows an ONNX teacher's parameterised nodes and totals, as core read them from the committed graph", async () => {
    const { page } = panel;
    const config = `version: 1
data: { source: fashion-mnist, limit: 2000 }
teacher: { model: teachers/fashion-cnn.onnx, input: { mean: [0.2860], std: [0.3530] } }
student: { layers: [ { dense: { units: 32, activation: relu, name: hidden } }, { dense: { units: 10 } } ] }
`;
    const analysis = analyzeConfig(config, path.join(REPO, 'examples', 'onnx.distill.yaml'), nodeFileSystem);
    assert.equal(analysis.teacher?.origin, 'onnx');
    await sendAll(panel, [
      {
        type: 'analysis',
        payload: { ...ANALYSIS, teacher: analysis.teacher!, student: analysis.student!, features: [], diagnostics: [] },
      },
    ]);
    await page.locator('#tab-comparison').click();
    assert.deepEqual(await page.locator('[data-role="teacher"] .layer-name').allTextContents(), [
      '/conv1/Conv',
      '/conv2/Conv',
      '/fc1/Gemm',
      '/fc2/Gemm',
    ]);
    assert.match(
      (await textOf(page, '[data-role="teacher"] h2 .origin')) ?? '',
      /from the ONNX graph: its parameterised nodes, input \[1, 28, 28\]/,
    );
    assert.equal((await page.locator('tr[data-total="params"] td').allTextContents())[0], '421.6k');
    assert.deepEqual(panel.errors, []);
  });

  void it("shows the student before and after structured pruning, layer by layer, from core's analysis", async () => {
    const { page } = panel;
    const config = `version: 1
data: { source: mnist }
teacher: { layers: [ { dense: { units: 256, activation: relu } }, { dense: { units: 10 } } ] }
student:
  layers:
    - conv2d: { filters: 8, kernel_size: 3, activation: relu, name: conv }
    - max_pooling2d: { pool_size: 2 }
    - dense: { units: 64, activation: relu, name: hidden }
    - dense: { units: 10, name: logits }
compression: { pruning: { sparsity: 0.5, structure: units } }
`;
    const analysis = analyzeConfig(config, path.join(REPO, 'examples', 'pruned.distill.yaml'), nodeFileSystem);
    assert.ok(analysis.pruned, 'core summarises the pruned student');
    await sendAll(panel, [
      {
        type: 'analysis',
        payload: {
          ...ANALYSIS,
          teacher: analysis.teacher!,
          student: analysis.student!,
          pruned: analysis.pruned,
          features: [],
          diagnostics: [],
        },
      },
    ]);
    await page.locator('#tab-comparison').click();
    const rows = page.locator('table.pruned-layers tbody tr');
    const cells = async (layer: string): Promise<string[]> =>
      (
        await rows
          .filter({ has: page.locator('th', { hasText: layer }) })
          .first()
          .locator('td')
          .allTextContents()
      ).slice(0, 2);
    assert.deepEqual(await cells('conv (conv2d)'), ['[28, 28, 8]', '[28, 28, 4]']);
    assert.deepEqual(await cells('hidden (dense)'), ['[64]', '[32]']);
    assert.deepEqual(await cells('logits (dense)'), ['[10]', '[10]'], 'the output keeps its width');
    const params = await page.locator('tr[data-pruned-total="params"] td').allTextContents();
    // conv 9*8+8 = 80 -> 9*4+4 = 40; hidden 14*14*8*64+64 = 100,416 -> 14*14*4*32+32 = 25,120; logits 650 -> 330.
    assert.deepEqual(params, ['101.1k', '25.5k', '3.97×']);
    assert.equal(await page.locator('tr[data-pruned-total="params"]').count(), 1);
    assert.deepEqual(panel.errors, []);
  });
});
