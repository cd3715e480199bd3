/**
 * The New Config wizard's output: a complete, commented config from three answers (dataset, teacher,
 * student size). Pure (no `vscode`), so a unit test checks every combination with the real analysis.
 */
import type { BundledDataset } from '../../core/schema/distill-schema';

export type TeacherChoice =
  | { readonly kind: 'architecture'; readonly size: 'small' | 'medium' | 'large' }
  /** An existing TF.js Layers model, path relative to the config file. */
  | { readonly kind: 'model'; readonly path: string };

/** How much smaller than the teacher the student should be, in parameters (roughly). */
export type StudentSize = 4 | 8 | 16;

export interface WizardAnswers {
  readonly dataset: BundledDataset;
  readonly teacher: TeacherChoice;
  readonly studentSize: StudentSize;
}

interface DatasetProfile {
  readonly description: string;
  readonly features: number;
  readonly classes: number;
  /** Hidden widths of the small / medium / large teacher. */
  readonly teachers: Readonly<Record<'small' | 'medium' | 'large', readonly number[]>>;
  readonly batch: number;
  readonly teacherEpochs: number;
  readonly studentEpochs: number;
  readonly learningRate: number;
  readonly patience: number;
  readonly pruning: boolean;
  readonly fgsm: number;
}

/** MNIST and Fashion-MNIST: the same 28x28 grayscale ten-class images, so the same networks and settings. */
const GRAYSCALE_28X28: Omit<DatasetProfile, 'description' | 'teacherEpochs' | 'studentEpochs'> = {
  features: 784,
  classes: 10,
  teachers: { small: [256], medium: [512, 256], large: [1200, 1200] },
  batch: 128,
  learningRate: 0.001,
  patience: 3,
  pruning: true,
  fgsm: 0.05,
};

/** Iris and penguins: a few hundred rows of three species, so small networks, small batches and many epochs. */
const SMALL_TABULAR: Omit<DatasetProfile, 'description' | 'features'> = {
  classes: 3,
  teachers: { small: [32], medium: [64, 32], large: [128, 64] },
  batch: 16,
  teacherEpochs: 60,
  studentEpochs: 80,
  learningRate: 0.01,
  patience: 10,
  pruning: false,
  fgsm: 0.1,
};

const PROFILES: Readonly<Record<BundledDataset, DatasetProfile>> = {
  mnist: {
    description: 'handwritten digits, 28x28 grayscale, 10 classes',
    ...GRAYSCALE_28X28,
    teacherEpochs: 8,
    studentEpochs: 10,
  },
  'fashion-mnist': {
    description: 'clothing images, 28x28 grayscale, 10 classes',
    ...GRAYSCALE_28X28,
    teacherEpochs: 10,
    studentEpochs: 12,
  },
  iris: { description: '150 flowers, 4 measurements, 3 species', features: 4, ...SMALL_TABULAR },
  penguins: {
    description: 'Palmer penguins, numeric and categorical measurements, 3 species',
    features: 9,
    ...SMALL_TABULAR,
  },
};

export function datasetDescription(dataset: BundledDataset): string {
  return PROFILES[dataset].description;
}

/** Parameters of a dense stack (weights + biases), input -> hidden... -> classes. */
export function denseParams(inputs: number, hidden: readonly number[], classes: number): number {
  let total = 0;
  let previous = inputs;
  for (const width of [...hidden, classes]) {
    total += previous * width + width;
    previous = width;
  }
  return total;
}

/** The widest single hidden layer whose parameter count is at most teacherParams / ratio (at least 4 units). */
export function studentWidth(inputs: number, classes: number, teacherParams: number, ratio: StudentSize): number {
  const budget = teacherParams / ratio;
  // params(h) = inputs*h + h + h*classes + classes  =>  h = (budget - classes) / (inputs + 1 + classes)
  const width = Math.floor((budget - classes) / (inputs + 1 + classes));
  return Math.max(4, width);
}

function flow(entries: Readonly<Record<string, string | number | boolean>>): string {
  return `{ ${Object.entries(entries)
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(', ')} }`;
}

export function buildConfigText(answers: WizardAnswers): string {
  const p = PROFILES[answers.dataset];
  const lines: string[] = [
    `# ${answers.dataset}: ${p.description}. Written by "Distillery: New Config..."; hover any key for its meaning.`,
    'version: 1',
    'data:',
    `  source: ${answers.dataset}`,
    '  split: { validation: 0.1, test: 0.2, seed: 42 }',
    'teacher:',
  ];
  if (answers.teacher.kind === 'model') {
    lines.push(`  model: ${JSON.stringify(answers.teacher.path)}`);
    lines.push('student:');
    // The loaded model's size is only known to the analysis; shrink its hidden layers by the square root of
    // the ratio, since a dense layer's parameters grow with the product of two widths.
    lines.push(`  from_teacher: { width: ${(1 / Math.sqrt(answers.studentSize)).toFixed(2)} }`);
  } else {
    const hidden = p.teachers[answers.teacher.size];
    const teacherParams = denseParams(p.features, hidden, p.classes);
    lines.push('  layers:');
    hidden.forEach((units, i) => {
      lines.push(`    - dense: ${flow({ units, activation: 'relu', name: `teacher_hidden_${i + 1}` })}`);
      lines.push('    - dropout: { rate: 0.3 }');
    });
    lines.push(`    - dense: ${flow({ units: p.classes, name: 'teacher_logits' })}`);
    lines.push(`  training: ${flow({ epochs: p.teacherEpochs, batch_size: p.batch, learning_rate: p.learningRate })}`);
    const width = studentWidth(p.features, p.classes, teacherParams, answers.studentSize);
    lines.push('student:');
    lines.push('  layers:');
    lines.push(`    - dense: ${flow({ units: width, activation: 'relu', name: 'hidden' })}`);
    lines.push(`    - dense: ${flow({ units: p.classes, name: 'logits' })}`);
  }
  lines.push(
    'distillation:',
    '  temperature: 4',
    '  soft_weight: 0.7   # weight of T^2 * KL(teacher/T || student/T)',
    '  hard_weight: 0.3   # weight of cross-entropy with the true labels',
    'training:',
    `  epochs: ${p.studentEpochs}`,
    `  batch_size: ${p.batch}`,
    '  optimizer: adam',
    `  learning_rate: ${p.learningRate}`,
    `  early_stopping: { patience: ${p.patience} }`,
    'compression:',
  );
  if (p.pruning) lines.push('  pruning: { sparsity: 0.5, fine_tune_epochs: 2 }');
  lines.push(
    '  quantization: { dtype: int8 }',
    'evaluation:',
    '  baseline: true',
    '  seeds: 1',
    `  robustness: { fgsm_epsilon: ${p.fgsm} }`,
    'output: runs',
    '',
  );
  return lines.join('\n');
}
