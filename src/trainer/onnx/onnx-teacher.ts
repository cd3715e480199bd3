/**
 * A teacher trained elsewhere and exported to ONNX, run with onnxruntime: opened once (checked against the
 * data before any work), then run over whole splits in batches. Hint values inside the graph are fetched from
 * a copy of the model that also outputs them. Every failure names the file and says what to do.
 */
import type { TeacherInput } from '../../core/config/types';
import { withExtraOutputs } from '../../core/onnx/extra-outputs';
import { type InputPlan, planInput } from '../../core/onnx/input-plan';
import { logitsOutput, outputWidth } from '../../core/onnx/logits-output';
import { formatDims, type OnnxGraph, readOnnxGraph } from '../../core/onnx/onnx-graph';
import { didYouMean } from '../../core/text/did-you-mean';
import { type FeatureStandardization, rawFeatures } from '../data/standardize';
import { FileReadError, readBinaryFile } from '../../node/file-system';
import { TrainerError } from '../run/errors';
import { feedRows } from './feed';
import { loadOnnxRuntime, type OnnxRuntime } from './runtime';

type Session = Awaited<ReturnType<OnnxRuntime['InferenceSession']['create']>>;

export interface OnnxTeacherSpec {
  readonly file: string;
  /** The path as the config wrote it, for messages. */
  readonly shown: string;
  readonly input?: TeacherInput;
  readonly output?: string;
  readonly dataShape: readonly number[];
  readonly classes: number;
  /** Graph values the hints read. */
  readonly hintValues: readonly string[];
  /** Tabular data: the student's standardisation, undone so that `input.mean/std` apply to the encoded raw features. */
  readonly standardization?: FeatureStandardization;
}

export interface OnnxOutputs {
  readonly logits: Float32Array;
  /** One flat [n, width] array per hint value, in the order of `hintValues`. */
  readonly features: Float32Array[];
}

const BATCH = 256;

function readGraph(spec: OnnxTeacherSpec): { bytes: Uint8Array; graph: OnnxGraph } {
  let bytes: Uint8Array;
  try {
    bytes = readBinaryFile(spec.file, 'onnx');
  } catch (error) {
    if (error instanceof FileReadError) throw new TrainerError(error.message, 'Check teacher.model.');
    throw new TrainerError(
      `${spec.shown}: teacher model file not found.`,
      'Check teacher.model: it is relative to the config file.',
    );
  }
  const read = readOnnxGraph(bytes);
  if (!read.ok)
    throw new TrainerError(
      `${spec.shown}: ${read.message}`,
      'Export the model again (e.g. torch.onnx.export) and point teacher.model at the .onnx file.',
    );
  return { bytes, graph: read.graph };
}

export class OnnxTeacher {
  private constructor(
    private readonly spec: OnnxTeacherSpec,
    private readonly session: Session,
    private readonly runtime: OnnxRuntime,
    readonly graph: OnnxGraph,
    private readonly inputName: string,
    private readonly plan: InputPlan,
    private readonly outputName: string,
    /** The output is probabilities (ends in Softmax): their logarithms are the logits. */
    readonly probabilities: boolean,
  ) {}

  static async open(spec: OnnxTeacherSpec): Promise<OnnxTeacher> {
    const { bytes, graph } = readGraph(spec);
    const input = graph.inputs[0];
    if (!input || graph.inputs.length > 1)
      throw new TrainerError(
        `${spec.shown}: the teacher has ${graph.inputs.length} inputs (${graph.inputs.map((i) => i.name).join(', ')}); Distillery feeds exactly one.`,
        'Export the teacher with a single input tensor.',
      );
    const plan = planInput(input, spec.dataShape, spec.input);
    if (!plan.ok)
      throw new TrainerError(
        `${spec.shown}: ${plan.message}`,
        'Set teacher.input to match how the teacher was trained.',
      );
    const output = logitsOutput(graph, spec.output);
    if (!output.ok) throw new TrainerError(`${spec.shown}: ${output.message}`, 'Fix teacher.output.');
    const width = outputWidth(output.output);
    if (width !== undefined && width !== spec.classes)
      throw new TrainerError(
        `${spec.shown}: the output \`${output.output.name}\` has shape ${formatDims(output.output.shape)} but the data has ${spec.classes} classes.`,
        'teacher.output must name the output with one score per class.',
      );
    const known = new Set(graph.values.map((v) => v.name));
    for (const value of spec.hintValues) {
      if (known.has(value)) continue;
      const suggestion = didYouMean(value, [...known]);
      throw new TrainerError(
        `${spec.shown}: distillation.features names \`${value}\`, which is not a value of the teacher's graph.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`,
        'Hints on an ONNX teacher name values of its graph (`distillery inspect` lists them).',
      );
    }
    const runtime = runtimeFor(spec.shown);
    const model = spec.hintValues.length ? withExtraOutputs(bytes, spec.hintValues) : bytes;
    let session: Session;
    try {
      session = await runtime.InferenceSession.create(model, { graphOptimizationLevel: 'all' });
    } catch (error) {
      throw new TrainerError(
        `${spec.shown}: onnxruntime cannot run this model (${firstLine(error)}).`,
        'The model may use an operator or opset this onnxruntime does not support; export it again with a standard opset (e.g. opset_version=13).',
      );
    }
    return new OnnxTeacher(
      spec,
      session,
      runtime,
      graph,
      input.name,
      plan.plan,
      output.output.name,
      output.probabilities,
    );
  }

  get params(): number {
    return this.graph.params;
  }

  get hintValues(): readonly string[] {
    return this.spec.hintValues;
  }

  /** Runs every row of `data` (the data's layout, as the student sees it) through the teacher in batches. */
  async run(data: Float32Array, withFeatures: boolean): Promise<OnnxOutputs> {
    const x = this.spec.standardization ? rawFeatures(data, this.spec.standardization) : data;
    const width = this.spec.dataShape.reduce((a, b) => a * b, 1);
    const count = x.length / width;
    const batchSize = this.plan.fixedBatch ?? BATCH;
    const fetches = [this.outputName, ...(withFeatures ? this.spec.hintValues : [])];
    const parts: Float32Array[][] = fetches.map(() => []);
    for (let start = 0; start < count; start += batchSize) {
      const rows = Math.min(batchSize, count - start);
      // A model exported with a fixed batch size gets its last batch padded with zero rows (their outputs dropped).
      const fed = this.plan.fixedBatch ?? rows;
      const feed = new Float32Array(fed * width);
      feed.set(feedRows(x, start, rows, this.spec.dataShape, this.plan));
      const tensor = new this.runtime.Tensor('float32', feed, [fed, ...this.plan.exampleShape]);
      let results: Record<string, { data: unknown; dims: readonly number[] }>;
      try {
        results = await this.session.run({ [this.inputName]: tensor }, fetches);
      } catch (error) {
        throw new TrainerError(
          `${this.spec.shown}: onnxruntime failed while running the teacher (${firstLine(error)}).`,
          'Check teacher.input (layout, mean, std) and that the model runs in onnxruntime outside Distillery.',
        );
      }
      fetches.forEach((name, i) => {
        const values = toFloat32(results[name]!.data, name, this.spec.shown);
        parts[i]!.push(values.subarray(0, (values.length / fed) * rows));
      });
    }
    const [logits, ...features] = parts.map(join);
    this.checkFinite(logits!);
    if (this.probabilities) for (let i = 0; i < logits!.length; i++) logits![i] = Math.log(Math.max(logits![i]!, 1e-7));
    return { logits: logits!, features };
  }

  private checkFinite(values: Float32Array): void {
    const bad = values.findIndex((v) => !Number.isFinite(v));
    if (bad < 0) return;
    const example = Math.floor(bad / this.spec.classes);
    throw new TrainerError(
      `${this.spec.shown}: the teacher's output \`${this.outputName}\` is not a finite number (${values[bad]}) for example ${example}; its soft targets would poison the student.`,
      'Check the teacher on its own (teacher.input mean/std, exported weights); a teacher must give finite scores for every example.',
    );
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}

/** The runtime, its failure naming the teacher that needed it. */
function runtimeFor(shown: string): OnnxRuntime {
  try {
    return loadOnnxRuntime();
  } catch (error) {
    if (error instanceof TrainerError) throw new TrainerError(`${shown}: ${error.message}`, error.hint, error.code);
    throw error;
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
}

function toFloat32(data: unknown, name: string, shown: string): Float32Array {
  if (data instanceof Float32Array) return data;
  if (data instanceof Float64Array) return Float32Array.from(data);
  throw new TrainerError(`${shown}: the value \`${name}\` is not a float tensor.`, 'Distil from float outputs.');
}

function join(parts: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
