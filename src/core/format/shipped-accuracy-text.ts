/**
 * Which accuracy is the shipped one. The report's final-model row (quantized, pruned or student) is the run's
 * in-process model; its exports are other files, each loaded back in its own runtime, and can score differently
 * (TF.js stores quantized weights as uint8 with one scale per tensor; onnxruntime's default graph optimisations
 * rewrote the quantized graphs of earlier ONNX exports). This says which number a user gets and why it differs, from the measured fields
 * only: accuracy, weights, runtime and fidelity of each export. Shared by report.md, `distillery report` and the panel.
 */
import type { ExportResult, RunReport } from '../protocol/report';
import { exportName } from '../report/shipped-size';
import { formatNumber } from './numbers';
import { formatPercent } from './percent';
import { finalModel } from './report-summary';

const pct = (share: number): string => formatPercent(share, 2);

/** How the file stores its weights, in words: TF.js's uint8 is affine with one scale per tensor. */
function storage(e: ExportResult): string {
  if (e.format === 'tfjs' && e.weights === 'uint8') return 'uint8 weights, one scale per tensor as TF.js stores them';
  return `${e.weights} weights`;
}

function fidelity(f: ExportResult['fidelity'], against: string): string {
  return `max logit difference ${formatNumber(f.max_logit_diff, 2)} against ${against}, same top-1 on ${pct(f.agreement)}`;
}

function describeFile(e: ExportResult, against: string): string {
  const plain = e.without_graph_optimisations;
  const unoptimised = plain
    ? `; with graph optimisations disabled ${pct(plain.accuracy)}, max logit difference ${formatNumber(plain.fidelity.max_logit_diff, 2)}`
    : '';
  return `${exportName(e)} ${pct(e.accuracy)} (${storage(e)}, in ${e.runtime}; ${fidelity(e.fidelity, against)}${unoptimised})`;
}

export interface ShippedAccuracy {
  /** "tfjs/model.json 90.18% (...); model.onnx 90.18% (...)." */
  readonly files: string;
  /** Why the final-model row says something else; undefined when every file scores what the row says. */
  readonly difference?: string;
}

/** Undefined for a run without exports or without a final model: then no file was measured. */
export function shippedAccuracy(report: RunReport): ShippedAccuracy | undefined {
  const final = finalModel(report);
  const exports = report.exports ?? [];
  if (!final || exports.length === 0) return undefined;
  const { role, result } = final;
  const against = `the run's ${result.dtype === 'float32' ? '' : `${result.dtype} `}model`;
  const files = `${exports.map((e) => describeFile(e, against)).join('; ')}.`;
  const inProcess = result.metrics.accuracy;
  if (exports.every((e) => e.accuracy === inProcess)) return { files };
  const names = (list: readonly ExportResult[]): string => list.map(exportName).join(' and ');
  const unoptimised = exports.filter(
    (e) => e.accuracy !== inProcess && e.without_graph_optimisations?.accuracy === inProcess,
  );
  const also = exports.filter((e) => e.accuracy === inProcess);
  const verb = (list: readonly ExportResult[], word: string): string => `${word}${list.length === 1 ? 's' : ''}`;
  const reproduced = [
    ...(also.length ? [`${names(also)} also ${verb(also, 'score')}`] : []),
    ...(unoptimised.length
      ? [`${names(unoptimised)} ${verb(unoptimised, 'reproduce')} only with onnxruntime's graph optimisations disabled`]
      : []),
  ];
  return {
    files,
    difference: `The ${role} row's ${pct(inProcess)} is the run's in-process ${result.dtype} model, ${reproduced.length ? `which ${reproduced.join(', and ')}` : 'which no shipped file reproduces exactly'}; a user loading the files as measured above gets the files' accuracy.`,
  };
}

/** "Shipped files: ..." and why the final-model row differs, as one paragraph; undefined without exports. */
export function describeShippedAccuracy(report: RunReport): string | undefined {
  const shipped = shippedAccuracy(report);
  return shipped ? [`Shipped files: ${shipped.files}`, shipped.difference].filter(Boolean).join(' ') : undefined;
}
