/**
 * The one timing method of report.json's `shipped_latency`, whatever the runtime (stock TF.js, onnxruntime):
 * untimed warm-up until the times settle, then timed calls with the models taking turns call by call (a machine
 * busy with something else then slows them alike), and per model the median and the interquartile range.
 */
import type { Latency } from '../../core/protocol/report';
import { batchRows, medianOf, quantile } from './latency';

/**
 * Warm-up until the times settle: rounds of WARMUP_ROUND untimed calls per model at batch 1 and batched
 * (interleaved), until no model's median at either batch size fell by more than WARMUP_SETTLED from the round
 * before, at most WARMUP_MAX_CALLS calls or WARMUP_MAX_MS. A fresh process needs it: on the demo's MNIST files
 * (wasm), batch-1 medians fell from about 120 µs after 5 calls to 30 µs after some 200, as the JavaScript and
 * WebAssembly code warmed up; a fixed handful of warm-up calls measured a cold process, not the model.
 */
export const WARMUP_ROUND = 25;
export const WARMUP_SETTLED = 0.1;
export const WARMUP_MAX_CALLS = 1000;
export const WARMUP_MAX_MS = 10_000;
export const SHIPPED_REPETITIONS = 25;

export interface Timing {
  readonly median: number;
  readonly iqr: number;
}

/** One model's call on the input being timed; gives the milliseconds it took (timed by the call itself). */
export type TimedCall = () => number | Promise<number>;

/** Untimed rounds of every call until the times settle (see WARMUP_ROUND); returns the rounds' calls made per call. */
async function warmUp(calls: readonly TimedCall[]): Promise<number> {
  const started = performance.now();
  let previous: number[] | undefined;
  let made = 0;
  while (made < WARMUP_MAX_CALLS && performance.now() - started < WARMUP_MAX_MS) {
    const times = calls.map((): number[] => []);
    for (let i = 0; i < WARMUP_ROUND; i++) for (const [c, call] of calls.entries()) times[c]!.push(await call());
    made += WARMUP_ROUND;
    const medians = times.map(medianOf);
    const before = previous;
    if (before && medians.every((median, i) => median >= before[i]! * (1 - WARMUP_SETTLED))) break;
    previous = medians;
  }
  return made;
}

/** Per call, the median time and its spread over `repetitions` turns, the calls taking turns. */
async function interleavedTimes(calls: readonly TimedCall[], repetitions: number): Promise<Timing[]> {
  const times = calls.map((): number[] => []);
  for (let i = 0; i < repetitions; i++) for (const [c, call] of calls.entries()) times[c]!.push(await call());
  return times.map((t) => ({ median: medianOf(t), iqr: quantile(t, 0.75) - quantile(t, 0.25) }));
}

export interface TimedFile {
  /** Bytes of the files loaded (model.json and its weight files; the .onnx file). */
  readonly bytes: number;
  /** Median and interquartile range of the time per example, at batch 1 and batched. */
  readonly batch1: Timing;
  readonly batched: Timing;
}

/** A loaded model: its bytes, and its call on one example and on the batch of `batch` examples. */
export interface LoadedModel {
  readonly bytes: number;
  readonly one: TimedCall;
  readonly many: TimedCall;
}

/**
 * Warm-up until the times settle, then every model timed at batch 1 and every model batched (per example: the
 * batch's time over `batch`). `warmup`: the untimed calls made per model at each batch size.
 */
export async function timeAtBothBatches(
  models: readonly LoadedModel[],
  batch: number,
  repetitions: number,
): Promise<{ warmup: number; timed: TimedFile[] }> {
  const warmup = await warmUp(models.flatMap((m) => [m.one, m.many]));
  const batch1 = await interleavedTimes(
    models.map((m) => m.one),
    repetitions,
  );
  const batched = await interleavedTimes(
    models.map((m) => m.many),
    repetitions,
  );
  const perExample = (t: Timing): Timing => ({ median: t.median / batch, iqr: t.iqr / batch });
  return {
    warmup,
    timed: models.map(({ bytes }, i) => ({ bytes, batch1: batch1[i]!, batched: perExample(batched[i]!) })),
  };
}

/**
 * One model's latency by this method (an export measured by `distillery export`, often in a fresh process):
 * `run` gets flat rows of `width` values, one example and then the batch of `batchSize` (at most 256).
 */
export async function medianLatency(
  run: (rows: Float32Array) => Promise<void>,
  sample: Float32Array,
  width: number,
  batchSize: number,
): Promise<Latency> {
  const { batch, rows } = batchRows(sample, width, batchSize);
  const timedCall =
    (input: Float32Array): TimedCall =>
    async () => {
      const started = performance.now();
      await run(input);
      return performance.now() - started;
    };
  const { timed } = await timeAtBothBatches(
    [{ bytes: 0, one: timedCall(sample.subarray(0, width)), many: timedCall(rows) }],
    batch,
    SHIPPED_REPETITIONS,
  );
  return { batch1_ms: timed[0]!.batch1.median, batched_ms: timed[0]!.batched.median, batch_size: batch };
}
