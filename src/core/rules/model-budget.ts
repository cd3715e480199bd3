/**
 * `range` (the memory budget): a model Distillery trains (teacher from layers, assistant, student) whose parameters
 * or whose widest layer's activations for one training batch cannot fit in the trainer's memory. Without this,
 * `units: 100000000` passes `check` and `train` dies after 10-20 s with only "memory access out of bounds".
 *
 * Limits measured with the WebAssembly backend (the one that runs everywhere; its heap is at most 4 GiB) training
 * iris configs to the end with `distillery train`:
 * - parameters: two hidden dense layers of 5,475 (30.0 M parameters) train (2.8 GB RSS); of 8,000 (64.1 M) fail.
 * - activations: one dense layer of 1,000,000 units at batch_size 32 (32 x 1,000,000 x 4 B = 122 MiB per batch)
 *   trains; of 2,000,000 (244 MiB) fails. Training keeps several copies of each batch's outputs (forward values,
 *   their gradients, the transposes of the matmul kernel), so the budget is far below the heap.
 * A teacher loaded from a file is not trained here and its size is bounded by the weight-file limit instead.
 */
import { displayPath } from '../config/display-path';
import type { ConfigPath } from '../config/source-map';
import type { Diagnostic } from '../diagnostics';
import { formatBytes } from '../format/bytes';
import { formatInteger } from '../format/numbers';
import type { Rule, RuleContext } from '../analysis/rule';
import { batchActivationBytes, outputValues, widestLayer } from '../model/activation-size';
import type { LayerSummary, ModelSummary } from '../model/summary-types';
import { BYTES_PER_FLOAT32 } from '../model/summarize-defs';
import { error } from '../rule-helpers/report';

export const MAX_TRAINED_PARAMETERS = 30_000_000;
export const MAX_BATCH_ACTIVATION_BYTES = 128 * 1024 * 1024;

type Role = 'teacher' | 'assistant' | 'student';

interface Trained {
  readonly role: Role;
  readonly summary: ModelSummary;
  readonly batchSize: number;
  /** The setting that sizes a derived model's layers (`from_teacher.width`), else undefined. */
  readonly widthSetting?: ConfigPath;
}

function trainedModels(ctx: RuleContext): Trained[] {
  const { config } = ctx;
  const models: Trained[] = [];
  if (ctx.teacher && ctx.teacher.origin === 'config') {
    models.push({ role: 'teacher', summary: ctx.teacher, batchSize: config.teacher.training.batch_size });
  }
  if (ctx.assistant) {
    models.push({
      role: 'assistant',
      summary: ctx.assistant,
      batchSize: config.training.batch_size,
      ...(ctx.assistant.origin === 'derived'
        ? { widthSetting: ['teacher', 'assistant', 'from_teacher', 'width'] }
        : {}),
    });
  }
  if (ctx.student) {
    models.push({
      role: 'student',
      summary: ctx.student,
      batchSize: config.training.batch_size,
      ...(ctx.student.origin === 'derived' ? { widthSetting: ['student', 'from_teacher', 'width'] } : {}),
    });
  }
  return models;
}

const widthKey = (layer: LayerSummary): string => (layer.type === 'conv2d' ? 'filters' : 'units');

/** Which setting to change for `layer`: its own `units`/`filters`, or the width factor it was derived with. */
function settingOf(model: Trained, layer: LayerSummary): string {
  if (model.widthSetting) return `\`${displayPath(model.widthSetting)}\``;
  return layer.path ? `\`${widthKey(layer)}\` of \`${displayPath(layer.path)}\`` : `\`${model.role}.layers\``;
}

function largest(layers: readonly LayerSummary[], size: (layer: LayerSummary) => number): LayerSummary | undefined {
  return layers.reduce<LayerSummary | undefined>((best, l) => (!best || size(l) > size(best) ? l : best), undefined);
}

function parameterBudget(ctx: RuleContext, model: Trained): Diagnostic | undefined {
  const { summary, role } = model;
  if (summary.params <= MAX_TRAINED_PARAMETERS) return undefined;
  const layer = largest(summary.layers, (l) => l.params);
  if (!layer) return undefined;
  return error(
    ctx,
    'range',
    model.widthSetting ?? layer.path ?? [role],
    `The ${role} has ${formatInteger(summary.params)} parameters, above the limit of ${formatInteger(MAX_TRAINED_PARAMETERS)} ` +
      `that training fits in memory (${formatBytes(summary.params * BYTES_PER_FLOAT32)} of float32 weights, several times that with gradients and optimizer state). ` +
      `Its largest layer, \`${layer.name}\`, has ${formatInteger(layer.params)}: lower ${settingOf(model, layer)}.`,
  );
}

function activationBudget(ctx: RuleContext, model: Trained): Diagnostic | undefined {
  const { summary, role, batchSize } = model;
  const layer = widestLayer(summary.layers);
  if (!layer) return undefined;
  const bytes = batchActivationBytes(layer, batchSize);
  if (bytes <= MAX_BATCH_ACTIVATION_BYTES) return undefined;
  return error(
    ctx,
    'range',
    model.widthSetting ?? layer.path ?? [role],
    `The ${role}'s layer \`${layer.name}\` outputs ${formatInteger(outputValues(layer))} values per example: ` +
      `${formatBytes(bytes)} for a batch of ${batchSize}, above the ${formatBytes(MAX_BATCH_ACTIVATION_BYTES)} per layer and batch ` +
      `that training fits in memory. Lower ${settingOf(model, layer)} or the batch size.`,
  );
}

export const modelBudgetRule: Rule = {
  codes: ['range'],
  check(ctx) {
    const found: Diagnostic[] = [];
    for (const model of trainedModels(ctx)) {
      // One finding per model: a model too large in parameters is usually too wide as well.
      const problem = parameterBudget(ctx, model) ?? activationBudget(ctx, model);
      if (problem) found.push(problem);
    }
    return found;
  },
};
