/**
 * The Markdown pieces of hovers: a schema key's documentation, the distillation loss with the user's
 * values substituted, a layer's size figures, and a model's totals with the compression ratio.
 */
import type { DistillConfig } from '../../core/config/types';
import type { LayerSummary, ModelSummary } from '../../core/model/summary-types';
import type { SchemaNode } from '../../core/schema/types';
import { formatBytes } from '../../core/format/bytes';
import { formatInteger, formatNumber, formatShape } from '../../core/format/numbers';
import { formatPercent } from '../../core/format/percent';
import { formatRatio } from '../../core/format/ratio';

/** Numbers as the user would write them in the config: up to six significant digits, no float noise. */
const formatUserNumber = (n: number): string => formatNumber(n, 6);

function bounds(node: SchemaNode): string | undefined {
  if (node.kind !== 'number') return undefined;
  const parts: string[] = [];
  if (node.min !== undefined) parts.push(`>= ${node.min}`);
  if (node.exclusiveMin !== undefined) parts.push(`> ${node.exclusiveMin}`);
  if (node.max !== undefined) parts.push(`<= ${node.max}`);
  if (node.exclusiveMax !== undefined) parts.push(`< ${node.exclusiveMax}`);
  return parts.length ? parts.join(', ') : undefined;
}

function typeName(node: SchemaNode): string {
  switch (node.kind) {
    case 'number':
      return node.integer ? 'integer' : 'number';
    case 'string':
      return node.enum ? node.enum.map((v) => `\`${v}\``).join(' \\| ') : node.path ? `${node.path} path` : 'text';
    case 'boolean':
      return 'true \\| false';
    case 'array':
      return 'list';
    case 'object':
      return 'map';
    case 'tagged':
      return `one of ${Object.keys(node.variants)
        .map((v) => `\`${v}\``)
        .join(', ')}`;
    case 'union':
      return node.variants.map((v) => v.title ?? v.kind).join(' or ');
  }
}

export function keyDoc(key: string, node: SchemaNode): string {
  const lines = [`**${node.title ?? key}** (\`${key}\`)`, '', node.doc, ''];
  const facts = [`Type: ${typeName(node)}`];
  const range = bounds(node);
  if (range) facts.push(`Range: ${range}`);
  if ('default' in node && node.default !== undefined) facts.push(`Default: \`${String(node.default)}\``);
  lines.push(facts.join(' · '));
  return lines.join('\n');
}

export function enumValueDoc(value: string, node: SchemaNode): string | undefined {
  if (node.kind === 'string') return node.enumDocs?.[value] ? `\`${value}\`: ${node.enumDocs[value]}` : undefined;
  if (node.kind === 'union') {
    for (const variant of node.variants) {
      const doc = enumValueDoc(value, variant);
      if (doc) return doc;
    }
  }
  return undefined;
}

/** The full student loss with this config's temperature, weights and hint pairs written in. */
export function lossFormula(config: DistillConfig): string {
  const { temperature: t, soft_weight: soft, hard_weight: hard, features } = config.distillation;
  const T = formatUserNumber(t);
  const effectiveSoft = soft * t * t;
  const terms = [
    `${formatUserNumber(soft)} · ${T}² · KL(softmax(z_t/${T}) ‖ softmax(z_s/${T}))`,
    `${formatUserNumber(hard)} · CE(y, softmax(z_s))`,
    ...features.map(
      (f) =>
        `${formatUserNumber(f.weight)} · MSE(${f.projection === 'linear' ? `P(${f.student})` : f.student}, ${f.teacher})`,
    ),
  ];
  const simplified = [
    `${formatUserNumber(effectiveSoft)} · KL_T`,
    `${formatUserNumber(hard)} · CE`,
    ...features.map((f) => `${formatUserNumber(f.weight)} · MSE`),
  ];
  const total = effectiveSoft + hard;
  const lines = [
    '**Student loss with your values** (Hinton et al., 2015)',
    '```',
    `L = ${terms.join('\n  + ')}`,
    `  = ${simplified.join(' + ')}`,
    '```',
    `z_t, z_s: teacher and student logits; y: the true label; T = ${T}.`,
    total > 0
      ? `The soft term carries ${formatPercent(effectiveSoft / total)} of the label-loss weight after the T² factor (which keeps its gradients on the hard term's scale as T changes).`
      : 'Both weights are 0: the student learns nothing from this loss.',
    'Unlabeled examples contribute only the soft term. There is no `alpha`: write both weights explicitly.',
  ];
  return lines.join('\n');
}

export function layerDoc(layer: LayerSummary, model: ModelSummary, side: string): string {
  const share = model.bytes > 0 ? layer.bytes / model.bytes : 0;
  // A graph model's nodes: the file records no shape for some of them.
  const kind = model.origin === 'graph-model' ? 'node' : 'layer';
  const shape = layer.outputShape.length ? `\`${formatShape(layer.outputShape)}\`` : 'not recorded in the file';
  return [
    `**${side} ${kind} \`${layer.name}\`** (${layer.type})`,
    '',
    `Output shape: ${shape} · Parameters: ${formatInteger(layer.params)} · ${formatBytes(layer.bytes)} (${formatPercent(share)} of the ${side}'s size) · ${formatInteger(layer.flops)} FLOPs`,
  ].join('\n');
}

function totals(model: ModelSummary, name: string): string {
  return `${name}: ${formatInteger(model.params)} parameters, ${formatBytes(model.bytes)}, ${formatInteger(model.flops)} FLOPs, ${model.layers.length} layers (from ${model.origin})`;
}

export function modelTotalsDoc(
  side: 'teacher' | 'student',
  teacher?: ModelSummary,
  student?: ModelSummary,
): string | undefined {
  const own = side === 'teacher' ? teacher : student;
  if (!own) return undefined;
  const lines = [`**${side === 'teacher' ? 'Teacher' : 'Student'}**`, '', `- ${totals(own, side)}`];
  const other = side === 'teacher' ? student : teacher;
  if (other) lines.push(`- ${totals(other, side === 'teacher' ? 'student' : 'teacher')}`);
  if (teacher && student && student.params > 0) {
    lines.push(
      '',
      `Compression: **${formatRatio(teacher.params / student.params)}** fewer parameters (${formatBytes(teacher.bytes)} -> ${formatBytes(student.bytes)}).`,
    );
  }
  return lines.join('\n');
}
