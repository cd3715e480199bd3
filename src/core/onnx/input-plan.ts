/**
 * How the data's examples reach an ONNX teacher's input: the data keeps images channels-last ([H, W, C]) and
 * tabular rows as [features]; `teacher.input.layout` says whether the teacher wants NCHW or NHWC. Shared by the
 * editor's check (shape-mismatch) and the trainer, so both accept and refuse the same inputs.
 */
import type { TeacherInput } from '../config/types';
import { formatShape } from '../format/numbers';
import { formatDims, type OnnxDim, type OnnxValue } from './onnx-graph';

export interface InputPlan {
  readonly layout: 'nchw' | 'nhwc';
  /** Transpose channels-last examples to channels-first before feeding. */
  readonly channelsFirst: boolean;
  /** Shape of one example as fed (batch dimension excluded). */
  readonly exampleShape: readonly number[];
  /** A fixed batch size the input demands (1 for many exports without a dynamic batch axis). */
  readonly fixedBatch?: number;
  /** Per channel (images) or per feature (tabular): length 1 or the channel/feature count. */
  readonly mean: readonly number[];
  readonly std: readonly number[];
}

export type InputPlanResult =
  { readonly ok: true; readonly plan: InputPlan } | { readonly ok: false; readonly message: string };

function fits(dims: readonly OnnxDim[], wanted: readonly number[]): boolean {
  return dims.length === wanted.length && dims.every((d, i) => typeof d !== 'number' || d === wanted[i]);
}

/** What was assumed, for messages: the user must see which layout and normalisation the check used. */
export function describeAssumptions(input: TeacherInput | undefined): string {
  const layout = input?.layout
    ? `layout ${input.layout}`
    : 'layout nchw (the default for .onnx teachers; set teacher.input.layout)';
  const mean = input?.mean ? `[${input.mean.join(', ')}]` : '[0] (default)';
  const std = input?.std ? `[${input.std.join(', ')}]` : '[1] (default)';
  return `${layout}, mean ${mean}, std ${std}`;
}

export function planInput(
  input: OnnxValue,
  dataShape: readonly number[],
  settings: TeacherInput | undefined,
): InputPlanResult {
  const layout = settings?.layout ?? 'nchw';
  const assumed = describeAssumptions(settings);
  const dims = input.shape;
  const image = dataShape.length === 3;
  const [height, width, channels] = image ? (dataShape as [number, number, number]) : [0, 0, 0];
  const wanted = image ? (layout === 'nchw' ? [channels, height, width] : [height, width, channels]) : [...dataShape];
  const flat = [dataShape.reduce((a, b) => a * b, 1)];
  let exampleShape: readonly number[] | undefined;
  if (!dims) exampleShape = wanted;
  else if (fits(dims.slice(1), wanted)) exampleShape = wanted;
  else if (image && fits(dims.slice(1), flat)) exampleShape = flat;
  if (!exampleShape) {
    const expected = image
      ? `[batch, ${wanted.join(', ')}] (${layout}) or the flattened [batch, ${flat[0]}]`
      : `[batch, ${wanted.join(', ')}]`;
    const rank =
      dims && dims.length !== wanted.length + 1 && dims.length !== 2
        ? ` (rank ${dims.length}, not ${wanted.length + 1})`
        : '';
    return {
      ok: false,
      message: `the teacher's input \`${input.name}\` has shape ${formatDims(dims)}${rank}, which cannot take examples of shape ${formatShape(dataShape)}${image ? ' (height, width, channels)' : ''}: it would need ${expected}. Assumed: ${assumed}.${image && !settings?.layout && fits(dims?.slice(1) ?? [], [height, width, channels]) ? ' The input looks channels-last: set teacher.input.layout: nhwc.' : ''}`,
    };
  }
  const groups = image ? channels : dataShape[0]!;
  const mean = settings?.mean ?? [0];
  const std = settings?.std ?? [1];
  for (const [key, values] of [
    ['mean', mean],
    ['std', std],
  ] as const) {
    if (values.length !== 1 && values.length !== groups)
      return {
        ok: false,
        message: `teacher.input.${key} has ${values.length} values but the data has ${groups} ${image ? 'channel' : 'feature'}${groups === 1 ? '' : 's'}: give one value, or one per ${image ? 'channel' : 'feature'}.`,
      };
  }
  const batch = dims?.[0];
  return {
    ok: true,
    plan: {
      layout,
      channelsFirst: image && layout === 'nchw',
      exampleShape,
      ...(typeof batch === 'number' ? { fixedBatch: batch } : {}),
      mean,
      std,
    },
  };
}
