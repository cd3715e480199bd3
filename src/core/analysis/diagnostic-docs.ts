/**
 * What triggers each diagnostic code and where its threshold comes from: the README's diagnostic table
 * is generated from this list (scripts/generate-schema.ts), and a test checks it covers every code.
 */
import type { DiagnosticCode } from '../diagnostics';
import { CAPACITY_GAP_RATIO } from '../rules/capacity-gap';
import { MAX_CLASS_RATIO } from '../rules/class-imbalance';
import { MAX_SAFE_SPARSITY } from '../rules/aggressive-pruning';
import { EXAMPLES_PER_PARAMETER } from '../rules/small-transfer-set';
import { TEMPERATURE_RANGE } from '../rules/temperature';

export interface DiagnosticDoc {
  readonly code: DiagnosticCode;
  readonly severity: 'error' | 'warning';
  readonly trigger: string;
  readonly source: string;
}

export const DIAGNOSTIC_DOCS: readonly DiagnosticDoc[] = [
  {
    code: 'yaml-syntax',
    severity: 'error',
    trigger:
      'Text that is not valid YAML 1.2 (bad indentation, unclosed brackets, duplicate keys, tabs for indentation).',
    source: 'YAML 1.2 specification, as implemented by the `yaml` package.',
  },
  {
    code: 'unknown-key',
    severity: 'error',
    trigger:
      'A key the schema lacks (with a did-you-mean fix), an unknown layer type, or a CSV `label` column the file does not have.',
    source: 'The schema in src/core/schema.',
  },
  {
    code: 'missing-key',
    severity: 'error',
    trigger:
      'A required key is absent (e.g. `data`, `teacher`, `student`, `units` of a dense layer), or the file is empty.',
    source: 'The schema in src/core/schema.',
  },
  {
    code: 'type',
    severity: 'error',
    trigger:
      'A value of the wrong type (text where a number belongs, a fraction where an integer belongs, both `model` and `layers`).',
    source: 'The schema in src/core/schema.',
  },
  {
    code: 'range',
    severity: 'error',
    trigger:
      "A value outside its legal domain: temperature <= 0, a negative weight, sparsity >= 1, an enum value not in the list, validation + test shares summing to >= 1, a model Distillery trains with more than 30,000,000 parameters or a layer whose outputs for one batch exceed 128 MiB (they cannot fit in the trainer's memory).",
    source:
      'The schema, plus rules/split-shares.ts for the split sum and rules/model-budget.ts for the memory budget (limits measured with the WebAssembly backend).',
  },
  {
    code: 'missing-file',
    severity: 'error',
    trigger:
      "A teacher model.json, CSV file or image folder that does not exist (relative to the config file), weight files named by a model.json's `weightsManifest` that are missing or outside the model's folder, a model.json that is not a TF.js model Distillery can load (several inputs or outputs, not JSON), or an image folder with fewer than two class folders.",
    source: 'The trainer would fail on these at start-up.',
  },
  {
    code: 'unknown-layer',
    severity: 'error',
    trigger:
      "A `distillation.features` pair naming a layer the teacher or student does not have (generated names like `dense_1` count; a graph model's node names), with the closest name; or a teacher layer `student.from_teacher` cannot shrink into a chain of config layers (a merge such as Add or Concatenate, a branch, a layer class the config lacks) when the student is derived.",
    source: 'The hint loss or the derived student cannot be built.',
  },
  {
    code: 'shape-mismatch',
    severity: 'error',
    trigger:
      "A hint pair whose shapes differ with no `projection` (or differ beyond the last axis), a last layer whose width is not the number of classes, a layer whose input cannot fit (conv2d on a vector, a window larger than the image), or a teacher model.json whose input size differs from the data's.",
    source: 'TF.js would fail when the models are built.',
  },
  {
    code: 'ambiguous-alpha',
    severity: 'error',
    trigger: '`distillation.alpha` is present.',
    source:
      "Keras' distillation example and torchdistill weight the hard-label loss with `alpha`; Hinton-style code and TextBrewer weight the soft loss. Two quick fixes rewrite it as explicit `soft_weight` / `hard_weight`, one per reading.",
  },
  {
    code: 'risk/capacity-gap',
    severity: 'warning',
    trigger: `The teacher has more than ${CAPACITY_GAP_RATIO}× the student's parameters.`,
    source: `Mirzadeh et al. 2020, "Improved Knowledge Distillation via Teacher Assistant" (AAAI): students learn less from far larger teachers. ${CAPACITY_GAP_RATIO}× is Distillery's choice within the "tens of times" range where the effect appears.`,
  },
  {
    code: 'risk/no-compression',
    severity: 'warning',
    trigger: 'The student has at least as many parameters as the teacher.',
    source: 'Definition: nothing is compressed.',
  },
  {
    code: 'risk/temperature',
    severity: 'warning',
    trigger: `Temperature outside ${TEMPERATURE_RANGE[0]}-${TEMPERATURE_RANGE[1]}.`,
    source:
      'Hinton, Vinyals & Dean 2015: temperatures 1-20 (2.5-4 for small students). Below 1 the dark knowledge vanishes; far above 20 the targets are nearly uniform.',
  },
  {
    code: 'risk/weights',
    severity: 'warning',
    trigger: '`soft_weight + hard_weight` is not 1, or `soft_weight` is 0.',
    source:
      'Hinton et al. 2015 use a weighted average; a sum other than 1 rescales the loss like a learning-rate change, and a zero soft weight distils nothing.',
  },
  {
    code: 'risk/small-transfer-set',
    severity: 'warning',
    trigger: `Fewer than ${EXAMPLES_PER_PARAMETER} labelled training example per student parameter (after the split, \`limit\` and \`unlabeled\`), with no dropout, no early stopping and no augmentation.`,
    source:
      "Sample-complexity rule of thumb (Baum & Haussler 1989); the threshold is Distillery's, far below the classical bound.",
  },
  {
    code: 'risk/no-validation',
    severity: 'warning',
    trigger:
      '`data.split.validation` is 0: no validation split, so nothing measures over-fitting and early stopping has nothing to watch.',
    source: 'Standard practice (Prechelt 1998, "Early Stopping - But When?").',
  },
  {
    code: 'risk/no-baseline',
    severity: 'warning',
    trigger: '`evaluation.baseline: false`.',
    source: 'Cho & Hariharan 2019: distillation does not always beat training on labels, so the gain must be measured.',
  },
  {
    code: 'risk/aggressive-pruning',
    severity: 'warning',
    trigger: `Pruning sparsity above ${MAX_SAFE_SPARSITY}.`,
    source:
      'Gale, Elsen & Hooker 2019; Zhu & Gupta 2017: magnitude pruning loses accuracy steeply beyond ~90% sparsity.',
  },
  {
    code: 'risk/aggressive-quantization',
    severity: 'warning',
    trigger: 'Fewer than 8 bits per weight (`int4`).',
    source:
      'Krishnamoorthi 2018 whitepaper; Jacob et al. 2018: 8-bit post-training quantization is near-lossless, 4-bit is not without quantization-aware training.',
  },
  {
    code: 'risk/class-imbalance',
    severity: 'warning',
    trigger: `The largest class has more than ${MAX_CLASS_RATIO}× the examples of the smallest (bundled data, CSV labels or image folders).`,
    source: 'Buda, Maki & Mazurowski 2018, "A systematic study of the class imbalance problem in CNNs".',
  },
  {
    code: 'risk/sweep-on-test',
    severity: 'warning',
    trigger: 'A sweep that picks its best trial on the test split.',
    source:
      'Cawley & Talbot 2010, "On over-fitting in model selection and subsequent selection bias in performance evaluation" (JMLR).',
  },
  {
    code: 'risk/sweep-budget',
    severity: 'warning',
    trigger:
      'A grid larger than the sweep budget (some combinations never run), or random search over fewer distinct combinations than the budget (trials repeat).',
    source: 'Arithmetic on the listed values and the budget.',
  },
  {
    code: 'risk/coarse-target',
    severity: 'warning',
    trigger:
      '`compression.target.max_accuracy_drop` is smaller than one validation example is worth (100 / validation examples, after `limit`): the search can only keep points that lose no validation example.',
    source:
      'Dietterich 1998, "Approximate statistical tests for comparing supervised classification learning algorithms": an accuracy on n examples has a standard error of sqrt(p(1 - p) / n).',
  },
  {
    code: 'risk/ignored-setting',
    severity: 'warning',
    trigger:
      'A setting the run never applies: `compression.quantization.aware: true` with `dtype: float16` (aware training is for integer weights), `compression.quantization.fine_tune_epochs` without `aware: true`, or `compression.pruning` / `compression.quantization` next to `compression.target` (the search sets both per point).',
    source:
      'The trainer (what each phase reads); Micikevicius et al. 2018, "Mixed precision training", for float16 keeping accuracy.',
  },
];
