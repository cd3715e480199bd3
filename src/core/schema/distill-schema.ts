/**
 * The distillation config schema: types, defaults, ranges and docs of every key. Validation, completion,
 * hover, `schemas/distill.schema.json` and the README's config reference are all derived from this object.
 */
import { augmentSchema } from './augment-schema';
import { layerSchema } from './layers';
import { sweepSchema } from './sweep-schema';
import type { ObjectNode, SchemaNode } from './types';

export const BUNDLED_DATASETS = ['mnist', 'fashion-mnist', 'iris', 'penguins'] as const;
export type BundledDataset = (typeof BUNDLED_DATASETS)[number];

const share = (title: string, doc: string, dflt?: number): SchemaNode => ({
  kind: 'number',
  title,
  doc,
  min: 0,
  exclusiveMax: 1,
  ...(dflt === undefined ? {} : { default: dflt }),
});

const layers = (who: 'teacher' | 'assistant' | 'student'): SchemaNode => ({
  kind: 'array',
  title: `${who[0]!.toUpperCase()}${who.slice(1)} architecture`,
  doc: `The ${who}'s layers, input to output. The input shape comes from the data; the last layer must be a \`dense\` layer with one unit per class and no activation (logits).`,
  items: layerSchema,
  minItems: 1,
});

/** `from_teacher`: a network derived from the teacher's architecture by shrinking every hidden width. */
const fromTeacher = (doc: string, defaultWidth: number): SchemaNode => ({
  kind: 'object',
  title: 'Derive from teacher',
  doc,
  required: ['width'],
  properties: {
    width: {
      kind: 'number',
      exclusiveMin: 0,
      max: 1,
      default: defaultWidth,
      title: 'Width factor',
      doc: "Multiplier applied to every hidden layer's width (rounded, at least 1).",
    },
  },
});

const dataSource: SchemaNode = {
  kind: 'union',
  title: 'Training data',
  doc: 'Where the examples come from: a bundled real dataset by name, a CSV file, or a folder of images with one sub-folder per class.',
  variants: [
    {
      kind: 'string',
      title: 'Bundled dataset',
      doc: 'A real dataset shipped with Distillery.',
      enum: BUNDLED_DATASETS,
      enumDocs: {
        mnist: '10,000 real MNIST handwritten digits, 28x28 grayscale, 10 classes.',
        'fashion-mnist':
          'Fashion-MNIST: 70,000 28x28 grayscale clothing images, 10 classes (exact duplicates removed).',
        iris: "Fisher's iris flowers: 150 examples, 4 numeric features, 3 species.",
        penguins:
          'Palmer penguins: 344 examples (rows with missing values dropped), numeric and categorical features, 3 species.',
      },
    },
    {
      kind: 'object',
      title: 'CSV file',
      doc: 'A CSV file with a header row. Numeric columns are standardised; text columns are one-hot encoded.',
      properties: {
        csv: {
          kind: 'string',
          path: 'file',
          pathExtensions: ['.csv'],
          title: 'CSV path',
          doc: 'Path of the CSV file, relative to this config file.',
        },
        label: { kind: 'string', title: 'Label column', doc: 'Name of the column that holds the class label.' },
        in_memory: {
          kind: 'boolean',
          default: false,
          title: 'Hold in memory',
          doc: 'The rows are encoded once into a shared cache (`.cache/` in the runs folder, or `DISTILLERY_CACHE_DIR`) and each batch is read from it, so memory stays flat however many rows there are. `true` holds every encoded row in memory instead (4 bytes per feature value); both give the same results.',
        },
      },
      required: ['csv', 'label'],
    },
    {
      kind: 'object',
      title: 'Image folder',
      doc: 'A folder with one sub-folder per class, each holding PNG or JPEG images.',
      properties: {
        images: {
          kind: 'string',
          path: 'folder',
          title: 'Image folder',
          doc: 'Path of the folder, relative to this config file. Each sub-folder name is a class.',
        },
        size: {
          kind: 'number',
          integer: true,
          min: 4,
          max: 512,
          default: 32,
          title: 'Image size',
          doc: 'Images are resized to `size` x `size` pixels.',
        },
        grayscale: { kind: 'boolean', default: false, title: 'Grayscale', doc: 'Convert images to one channel.' },
        in_memory: {
          kind: 'boolean',
          default: false,
          title: 'Hold in memory',
          doc: 'The images are decoded once into a shared cache (`.cache/` in the runs folder, or `DISTILLERY_CACHE_DIR`) and each batch is read from it, so memory stays flat however many images there are. `true` holds the whole decoded cache in memory instead (size x size x channels bytes per image); both give the same results.',
        },
      },
      required: ['images'],
    },
  ],
};

const optimizerTraining = (epochs: number): Record<string, SchemaNode> => ({
  epochs: {
    kind: 'number',
    integer: true,
    min: 1,
    max: 10000,
    default: epochs,
    title: 'Epochs',
    doc: 'Passes over the training split.',
  },
  batch_size: {
    kind: 'number',
    integer: true,
    min: 1,
    max: 65536,
    default: 128,
    examples: [32, 64, 256],
    title: 'Batch size',
    doc: 'Examples per gradient step.',
  },
  optimizer: {
    kind: 'string',
    enum: ['adam', 'sgd'],
    default: 'adam',
    title: 'Optimizer',
    doc: 'Gradient descent variant.',
    enumDocs: { adam: 'Adam (Kingma & Ba, 2015).', sgd: 'Stochastic gradient descent with momentum (`momentum`).' },
  },
  learning_rate: {
    kind: 'number',
    exclusiveMin: 0,
    max: 10,
    default: 0.001,
    examples: [0.01, 0.0003],
    title: 'Learning rate',
    doc: 'Initial step size of the optimizer.',
  },
  momentum: {
    kind: 'number',
    min: 0,
    exclusiveMax: 1,
    default: 0.9,
    title: 'Momentum',
    doc: 'Momentum of `sgd` (ignored by `adam`).',
  },
  schedule: {
    kind: 'string',
    enum: ['constant', 'cosine', 'step'],
    default: 'constant',
    title: 'Learning-rate schedule',
    doc: 'How the learning rate changes over epochs.',
    enumDocs: {
      constant: 'Keep `learning_rate`.',
      cosine: 'Cosine decay from `learning_rate` to 0 over `epochs`.',
      step: 'Halve the learning rate every third of the epochs.',
    },
  },
});

export const distillSchema: ObjectNode = {
  kind: 'object',
  title: 'Distillation config',
  doc: 'A Distillery knowledge-distillation config.',
  required: ['version', 'data', 'teacher', 'student'],
  properties: {
    version: {
      kind: 'number',
      integer: true,
      min: 1,
      max: 1,
      default: 1,
      title: 'Config format version',
      doc: 'Version of the config format. Only `1` exists.',
    },
    data: {
      kind: 'object',
      title: 'Data',
      doc: 'The labelled examples, how they are split, and which share of labels the student may not see.',
      required: ['source'],
      properties: {
        source: dataSource,
        split: {
          kind: 'object',
          title: 'Split',
          doc: 'Deterministic, seeded, stratified split of the examples. What is left after `validation` and `test` is the training (transfer) set.',
          properties: {
            validation: share(
              'Validation share',
              'Share of examples held out for early stopping and model selection.',
              0.1,
            ),
            test: share(
              'Test share',
              'Share of examples held out for the final report. Never used for training or selection.',
              0.2,
            ),
            seed: {
              kind: 'number',
              integer: true,
              min: 0,
              default: 42,
              title: 'Split seed',
              doc: 'Seed of the shuffle that makes the split.',
            },
          },
        },
        unlabeled: share(
          'Unlabeled share',
          "Share of training examples whose labels the student never sees. They still get the teacher's soft targets, which is the classic case where distillation pays: few labels, plenty of unlabeled transfer data.",
          0,
        ),
        limit: {
          kind: 'number',
          integer: true,
          min: 10,
          title: 'Example limit',
          doc: 'Use at most this many examples (a seeded, stratified sample). Handy for quick experiments on large datasets.',
        },
      },
    },
    teacher: {
      kind: 'object',
      title: 'Teacher',
      doc: 'The large, trained network whose knowledge is transferred: an existing model (ONNX, or a TF.js Layers or graph model), or an architecture that Distillery trains first.',
      oneRequired: ['model', 'layers'],
      exclusive: [['model', 'layers']],
      properties: {
        model: {
          kind: 'string',
          path: 'file',
          pathExtensions: ['.json', '.onnx'],
          title: 'Teacher model',
          doc: 'Path of the teacher, relative to this config file: an ONNX model (`.onnx`, run with onnxruntime; PyTorch, Keras and most frameworks export it), or a TF.js `model.json`: a Layers model (Sequential or functional, one input and one output) or a graph model from `tensorflowjs_converter`, its weight files inside its folder.',
        },
        input: {
          kind: 'object',
          materialize: false,
          title: 'Teacher input',
          doc: "How the data reaches an ONNX teacher: the layout of image tensors and the normalisation the teacher was trained with (a TF.js teacher takes the data as the student does). The student's own input is unaffected. A wrong normalisation does not fail, it silently ruins the teacher's accuracy: state the one it was trained with.",
          properties: {
            layout: {
              kind: 'string',
              enum: ['nchw', 'nhwc'],
              enumDocs: {
                nchw: 'Channels first, `[batch, channels, height, width]`: PyTorch and most ONNX exports. The default for `.onnx` teachers.',
                nhwc: 'Channels last, `[batch, height, width, channels]`: TF.js and Keras. The default for `model.json` teachers.',
              },
              title: 'Image layout',
              doc: 'Axis order of image inputs. Default: `nchw` for `.onnx` teachers, `nhwc` for TF.js teachers. Tabular data has no layout.',
            },
            mean: {
              kind: 'array',
              items: { kind: 'number', doc: 'Mean of one channel or feature.' },
              minItems: 1,
              title: 'Input mean',
              doc: "Subtracted from the teacher's input: one value per channel (images: on pixels in [0, 1], e.g. `[0.2860]` for Fashion-MNIST) or per feature (tabular: on the encoded raw features), or a single value for all. Default: 0.",
            },
            std: {
              kind: 'array',
              items: { kind: 'number', exclusiveMin: 0, doc: 'Standard deviation of one channel or feature.' },
              minItems: 1,
              title: 'Input standard deviation',
              doc: "Divides the teacher's input after the mean is subtracted: one value per channel or feature, or a single value for all. Default: 1.",
            },
          },
        },
        output: {
          kind: 'string',
          title: 'Logits output',
          doc: "Name of the teacher's output that holds the class scores (default: its first output). If it is probabilities (the graph ends in a Softmax), their logarithms serve as logits.",
        },
        layers: layers('teacher'),
        training: {
          kind: 'object',
          title: 'Teacher training',
          doc: 'How the teacher is trained when it is defined by `layers`.',
          properties: optimizerTraining(10),
        },
        assistant: {
          kind: 'object',
          title: 'Teacher assistant',
          materialize: false,
          doc: 'A mid-sized network between teacher and student (Mirzadeh et al. 2020, "Improved Knowledge Distillation via Teacher Assistant"): it is distilled from the teacher with the `distillation` and `training` settings, then teaches the student in the teacher\'s place. For large capacity gaps, where a student learns less from a much larger teacher than from a closer one.',
          oneRequired: ['layers', 'from_teacher'],
          exclusive: [['layers', 'from_teacher']],
          properties: {
            layers: layers('assistant'),
            from_teacher: fromTeacher(
              "The teacher's architecture with every hidden width multiplied by `width` (as `student.from_teacher`).",
              0.5,
            ),
          },
        },
      },
    },
    student: {
      kind: 'object',
      title: 'Student',
      doc: 'The small network being trained to imitate the teacher: its own layers, or the teacher shrunk by a width factor.',
      oneRequired: ['layers', 'from_teacher'],
      exclusive: [['layers', 'from_teacher']],
      properties: {
        layers: layers('student'),
        from_teacher: fromTeacher(
          "Build the student by copying the teacher's architecture with every hidden width (units, filters) multiplied by `width`. The output layer keeps one unit per class.",
          0.25,
        ),
        init: {
          kind: 'string',
          enum: ['random', 'teacher'],
          default: 'random',
          title: 'Initial weights',
          doc: "How the student's weights start. The labels-only baseline starts from the same weights, so the gain still isolates distillation.",
          enumDocs: {
            random: 'Seeded Glorot-uniform initialisation.',
            teacher:
              "Copy the teacher's weights (with `from_teacher` and a TF.js teacher): each layer keeps the teacher units or filters with the largest L1 norm of incoming weights (Li et al. 2017), the next layer the matching inputs.",
          },
        },
      },
    },
    distillation: {
      kind: 'object',
      title: 'Distillation loss',
      doc: "The student's loss: `L = soft_weight * T^2 * KL(softmax(z_t/T) || softmax(z_s/T)) + hard_weight * CE(y, softmax(z_s)) + sum(feature weights * MSE(hints))` (Hinton et al., 2015). There is deliberately no `alpha`: its meaning differs between libraries.",
      properties: {
        temperature: {
          kind: 'number',
          exclusiveMin: 0,
          max: 1000,
          default: 4,
          examples: [2, 8],
          title: 'Temperature T',
          doc: 'Softens both softmaxes so that the teacher\'s small probabilities (its "dark knowledge") carry signal. The soft term is multiplied by T^2 so its gradients keep their scale as T changes.',
        },
        soft_weight: {
          kind: 'number',
          min: 0,
          default: 0.7,
          title: 'Soft-target weight',
          doc: 'Weight of the soft-target term `T^2 * KL(teacher || student)` at temperature T.',
        },
        hard_weight: {
          kind: 'number',
          min: 0,
          default: 0.3,
          title: 'Hard-label weight',
          doc: 'Weight of the ordinary cross-entropy with the true labels (at T = 1). Unlabeled examples contribute only to the soft term.',
        },
        features: {
          kind: 'array',
          title: 'Feature (hint) matching',
          doc: "FitNets-style hints (Romero et al., 2015): pull a student layer's activations towards a teacher layer's with a mean-squared error. Layers of different widths need a learned `linear` projection.",
          items: {
            kind: 'object',
            title: 'Hint pair',
            doc: 'One teacher layer matched to one student layer.',
            required: ['teacher', 'student'],
            properties: {
              teacher: {
                kind: 'string',
                title: 'Teacher layer',
                doc: 'Name of the teacher layer whose output is the hint.',
              },
              student: {
                kind: 'string',
                title: 'Student layer',
                doc: 'Name of the student layer trained to match it.',
              },
              projection: {
                kind: 'string',
                enum: ['none', 'linear'],
                default: 'none',
                title: 'Projection',
                doc: "How the student's activations are mapped to the teacher's width before the MSE.",
                enumDocs: {
                  none: 'Compare directly; both layers must have the same width.',
                  linear:
                    'A learned dense map from the student width to the teacher width (trained with the student, discarded after).',
                },
              },
              weight: {
                kind: 'number',
                min: 0,
                default: 0.1,
                title: 'Hint weight',
                doc: "Weight of this pair's MSE term in the loss.",
              },
            },
          },
        },
      },
    },
    training: {
      kind: 'object',
      title: 'Student training',
      doc: 'How the student (and the baseline) are trained.',
      properties: {
        ...optimizerTraining(20),
        early_stopping: {
          kind: 'object',
          title: 'Early stopping',
          materialize: false,
          doc: "Stop when validation loss has not improved for `patience` epochs, and keep the best epoch's weights.",
          properties: {
            patience: {
              kind: 'number',
              integer: true,
              min: 1,
              default: 3,
              title: 'Patience',
              doc: 'Epochs without improvement before stopping.',
            },
            min_delta: {
              kind: 'number',
              min: 0,
              default: 0,
              title: 'Minimum improvement',
              doc: 'Smallest decrease of the validation loss that counts as an improvement.',
            },
          },
        },
        augment: augmentSchema,
      },
    },
    compression: {
      kind: 'object',
      title: 'Compression',
      doc: 'Applied to the distilled student, in order: pruning (with fine-tuning), then quantization. Each step is evaluated.',
      properties: {
        pruning: {
          kind: 'object',
          title: 'Pruning',
          doc: 'Magnitude pruning: the smallest weights of each layer are set to zero, then the student is fine-tuned with the zeros kept.',
          required: ['sparsity'],
          properties: {
            sparsity: {
              kind: 'number',
              min: 0,
              exclusiveMax: 1,
              default: 0.5,
              examples: [0.8],
              title: 'Target sparsity',
              doc: "Share of each layer's weights set to zero.",
            },
            fine_tune_epochs: {
              kind: 'number',
              integer: true,
              min: 0,
              default: 2,
              title: 'Fine-tuning epochs',
              doc: 'Epochs of distillation training after pruning, with pruned weights held at zero.',
            },
            structure: {
              kind: 'string',
              enum: ['unstructured', 'units'],
              default: 'unstructured',
              title: 'Pruning structure',
              doc: "unstructured: the smallest weights are zeroed (same shapes, same file size). units: the sparsity share of each hidden dense layer's units and conv layer's filters (smallest L1 norm of incoming weights) is removed with the next layer's matching inputs, giving a smaller model; the output layer and layers a hint reads keep their width.",
            },
          },
        },
        quantization: {
          kind: 'object',
          title: 'Quantization',
          doc: 'Weight quantization of the student (after pruning): post-training, and with `aware: true` also quantization-aware fine-tuning, both reported side by side.',
          required: ['dtype'],
          properties: {
            dtype: {
              kind: 'string',
              enum: ['float16', 'int8', 'int4'],
              default: 'int8',
              title: 'Weight type',
              doc: 'Storage type of the weights.',
              enumDocs: {
                float16: 'Half precision: half the size, negligible accuracy change.',
                int8: 'Per-channel affine 8-bit integers: a quarter of the size.',
                int4: 'Per-channel 4-bit integers: an eighth of the size; often costly in accuracy.',
              },
            },
            aware: {
              kind: 'boolean',
              default: false,
              title: 'Quantization-aware training',
              doc: 'Also fine-tune the student by distillation with its weights fake-quantized to `dtype` (the same per-channel scales the export stores; gradients pass straight through the rounding), so the model learns weights that survive the rounding. The report shows post-training and quantization-aware accuracy side by side, and the quantization-aware model is the one exported.',
            },
            fine_tune_epochs: {
              kind: 'number',
              integer: true,
              min: 1,
              default: 2,
              title: 'Quantization-aware epochs',
              doc: 'Epochs of quantization-aware distillation fine-tuning (with `aware: true`), at a tenth of the learning rate, as pruning fine-tunes.',
            },
          },
        },
        target: {
          kind: 'object',
          title: 'Accuracy-aware compression',
          doc: "Search the compression settings for the smallest shipped model whose validation accuracy stays within `max_accuracy_drop` points of the distilled student's. Every point of the space (each `sparsity` x `structure` x `dtype` x `aware`) is fine-tuned, quantized, exported and measured; the report holds every point, the size/accuracy Pareto front and the chosen point with its test-split numbers. Replaces `pruning` and `quantization` (their settings are not applied). Points are recorded in the run's `search/` folder: `--resume` skips the finished ones.",
          required: ['max_accuracy_drop'],
          properties: {
            max_accuracy_drop: {
              kind: 'number',
              min: 0,
              max: 100,
              default: 1,
              examples: [0.5, 2],
              title: 'Largest accuracy drop',
              doc: 'Accuracy points (1.0 = one point, e.g. 97.0% -> 96.0%) a compressed student may lose against the distilled student, measured on the **validation** split (needs `data.split.validation` > 0). When no point stays within it, the run warns and keeps the point that loses least.',
            },
            sparsity: {
              kind: 'array',
              items: { kind: 'number', min: 0, exclusiveMax: 1, doc: 'One pruning sparsity to try (0: no pruning).' },
              minItems: 1,
              title: 'Sparsities to try',
              doc: 'Pruning sparsities of the search space. Default: `[0, 0.25, 0.5, 0.75]`.',
            },
            structure: {
              kind: 'array',
              items: {
                kind: 'string',
                enum: ['unstructured', 'units'],
                doc: 'One pruning structure to try (as `compression.pruning.structure`).',
              },
              minItems: 1,
              title: 'Pruning structures to try',
              doc: 'Pruning structures of the search space. Default: `[unstructured, units]`. Unstructured zeros keep the file size (only the gzipped size drops), so for shipped bytes `units` is the one that pays.',
            },
            dtype: {
              kind: 'array',
              items: {
                kind: 'string',
                enum: ['float32', 'float16', 'int8', 'int4'],
                doc: 'One weight type to try (`float32`: no quantization).',
              },
              minItems: 1,
              title: 'Weight types to try',
              doc: 'Post-training weight types of the search space. Default: `[float32, float16, int8, int4]`.',
            },
            aware: {
              kind: 'array',
              items: {
                kind: 'boolean',
                doc: '`false`: post-training quantization; `true`: quantization-aware fine-tuning (as `compression.quantization.aware`).',
              },
              minItems: 1,
              title: 'Quantization training to try',
              doc: 'Post-training (`false`) and/or quantization-aware (`true`) quantization for every quantized point of the space. Default: `[false]`; `[false, true]` adds a quantization-aware variant of each quantized point, each with its own `fine_tune_epochs` of fine-tuning.',
            },
            fine_tune_epochs: {
              kind: 'number',
              integer: true,
              min: 0,
              default: 2,
              title: 'Fine-tuning epochs per point',
              doc: 'Epochs of distillation fine-tuning after pruning, for every sparsity and structure of the space (its post-training quantized variants share it), and of quantization-aware fine-tuning for every aware point.',
            },
            objective: {
              kind: 'string',
              enum: ['size', 'size_then_latency'],
              default: 'size',
              title: 'What smallest means',
              doc: 'How the chosen point is picked among those within the target.',
              enumDocs: {
                size: 'Fewest shipped bytes (the smallest export file); equal sizes: higher validation accuracy.',
                size_then_latency:
                  'Fewest shipped bytes; equal sizes: lower batch-1 latency of that file, then higher validation accuracy.',
              },
            },
          },
        },
      },
    },
    evaluation: {
      kind: 'object',
      title: 'Evaluation',
      doc: 'What the report measures beyond accuracy.',
      properties: {
        baseline: {
          kind: 'boolean',
          default: true,
          title: 'Baseline',
          doc: 'Also train the same student on labels alone, with the same seeds, initial weights, augmentation and training budget (see `baseline_budget`), so the report can say what distillation added.',
        },
        baseline_budget: {
          kind: 'string',
          enum: ['same_steps', 'same_epochs'],
          default: 'same_steps',
          title: 'Baseline budget',
          doc: 'How much training the labels-only baseline gets. With `data.unlabeled`, the baseline sees fewer examples per epoch than the student, so equal epochs would give it fewer optimizer steps.',
          enumDocs: {
            same_steps:
              'As many optimizer steps as the student (the baseline makes more passes over its smaller labelled set), with the same early stopping, schedule, augmentation and initial weights: a fair comparison.',
            same_epochs:
              'As many passes over its labelled examples as the student makes over all of its examples: fewer steps when labels are hidden.',
          },
        },
        seeds: {
          kind: 'number',
          integer: true,
          min: 1,
          max: 20,
          default: 1,
          title: 'Seeds',
          doc: 'Number of seeds for student and baseline; the distillation gain is reported with its spread over them.',
        },
        robustness: {
          kind: 'object',
          title: 'Robustness',
          doc: 'Adversarial robustness check.',
          properties: {
            fgsm_epsilon: {
              kind: 'number',
              min: 0,
              max: 1,
              default: 0.05,
              title: 'FGSM epsilon',
              doc: "Size of the fast-gradient-sign perturbation (Goodfellow et al., 2015), in units of the standardised inputs' range.",
            },
          },
        },
      },
    },
    sweep: sweepSchema,
    output: {
      kind: 'string',
      path: 'folder',
      default: 'runs',
      title: 'Runs folder',
      doc: 'Folder (relative to this config file) where each run gets its own directory.',
      // `output: /` would put run folders at the file-system root without a word.
      pattern: {
        regex: '^(?![\\\\/]+$)(?![A-Za-z]:[\\\\/]*$)',
        meaning: 'a folder other than the file-system root',
      },
    },
  },
};
