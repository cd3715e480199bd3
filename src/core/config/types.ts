/**
 * The parsed, defaulted config that the trainer and the analysis rules consume. Shapes mirror the schema
 * in ../schema/distill-schema.ts (a test checks that every schema key reaches this type through the parser).
 */
import type { Activation } from '../schema/layers';
import type { BundledDataset } from '../schema/distill-schema';
import type { SweepMetric } from '../schema/sweep-schema';

export type DataSource =
  | { readonly kind: 'bundled'; readonly name: BundledDataset }
  | {
      readonly kind: 'csv';
      readonly csv: string;
      readonly label: string;
      /** Hold the encoded rows in memory instead of reading each batch from the data cache. */
      readonly in_memory: boolean;
    }
  | {
      readonly kind: 'images';
      readonly images: string;
      readonly size: number;
      readonly grayscale: boolean;
      /** Hold the decoded images in memory instead of reading each batch from the decoded-image cache. */
      readonly in_memory: boolean;
    };

export type LayerSpec =
  | {
      readonly type: 'dense';
      readonly units: number;
      readonly activation: Activation;
      readonly use_bias: boolean;
      readonly name?: string;
    }
  | {
      readonly type: 'conv2d';
      readonly filters: number;
      readonly kernel_size: number;
      readonly strides: number;
      readonly padding: 'same' | 'valid';
      readonly activation: Activation;
      readonly name?: string;
    }
  | {
      readonly type: 'max_pooling2d' | 'average_pooling2d';
      readonly pool_size: number;
      readonly strides?: number;
      readonly name?: string;
    }
  | { readonly type: 'global_average_pooling2d' | 'flatten' | 'batch_normalization'; readonly name?: string }
  | { readonly type: 'dropout'; readonly rate: number; readonly name?: string };

export interface OptimizerSettings {
  readonly epochs: number;
  readonly batch_size: number;
  readonly optimizer: 'adam' | 'sgd';
  readonly learning_rate: number;
  readonly momentum: number;
  readonly schedule: 'constant' | 'cosine' | 'step';
}

/** `training.augment` (see ../schema/augment-schema.ts); every field defaulted, 0 / 1 / false meaning off. */
export interface AugmentSettings {
  readonly shift: number;
  readonly flip: boolean;
  readonly crop: number;
  readonly noise: number;
  readonly mixup: number;
}

export interface FeaturePair {
  readonly teacher: string;
  readonly student: string;
  readonly projection: 'none' | 'linear';
  readonly weight: number;
}

/** How the data reaches a teacher trained elsewhere (`teacher.input`). */
export interface TeacherInput {
  readonly layout?: 'nchw' | 'nhwc';
  readonly mean?: readonly number[];
  readonly std?: readonly number[];
}

export interface DistillConfig {
  readonly version: 1;
  readonly data: {
    readonly source: DataSource;
    readonly split: { readonly validation: number; readonly test: number; readonly seed: number };
    readonly unlabeled: number;
    readonly limit?: number;
  };
  readonly teacher: {
    readonly model?: string;
    readonly input?: TeacherInput;
    readonly output?: string;
    readonly layers?: readonly LayerSpec[];
    readonly training: OptimizerSettings;
    readonly assistant?: {
      readonly layers?: readonly LayerSpec[];
      readonly from_teacher?: { readonly width: number };
    };
  };
  readonly student: {
    readonly layers?: readonly LayerSpec[];
    readonly from_teacher?: { readonly width: number };
    readonly init: 'random' | 'teacher';
  };
  readonly distillation: {
    readonly temperature: number;
    readonly soft_weight: number;
    readonly hard_weight: number;
    readonly features: readonly FeaturePair[];
  };
  readonly training: OptimizerSettings & {
    readonly early_stopping?: { readonly patience: number; readonly min_delta: number };
    readonly augment?: AugmentSettings;
  };
  readonly compression: {
    readonly pruning?: {
      readonly sparsity: number;
      readonly fine_tune_epochs: number;
      /** `units`: whole dense units and conv filters removed (a narrower model); `unstructured`: weights zeroed. */
      readonly structure: 'unstructured' | 'units';
    };
    readonly quantization?: {
      readonly dtype: 'float16' | 'int8' | 'int4';
      /** Quantization-aware distillation fine-tuning (fake-quantized weights) besides post-training quantization. */
      readonly aware: boolean;
      readonly fine_tune_epochs: number;
    };
    /** Accuracy-aware search of the compression settings (core/search); replaces `pruning` and `quantization`. */
    readonly target?: CompressionTarget;
  };
  readonly evaluation: {
    readonly baseline: boolean;
    readonly baseline_budget: 'same_steps' | 'same_epochs';
    readonly seeds: number;
    readonly robustness: { readonly fgsm_epsilon: number };
  };
  readonly output: string;
  /** Present when the config declares a hyperparameter sweep (see ../schema/sweep-schema.ts). */
  readonly sweep?: SweepConfig;
}

export interface SweepParameterSpec {
  readonly path: string;
  readonly values?: readonly number[];
  readonly choices?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  readonly scale: 'linear' | 'log';
}

export interface SweepConfig {
  readonly method: 'grid' | 'random';
  readonly parameters: readonly SweepParameterSpec[];
  readonly metric: SweepMetric;
  readonly goal?: 'maximize' | 'minimize';
  readonly split: 'validation' | 'test';
  readonly budget?: number;
  readonly seed: number;
}

/** `compression.target`: search the space for the smallest shipped model within the accuracy drop (validation). */
export interface CompressionTarget {
  /** Accuracy points (1.0 = one point) the compressed student may lose against the distilled student. */
  readonly max_accuracy_drop: number;
  readonly sparsity?: readonly number[];
  readonly structure?: readonly ('unstructured' | 'units')[];
  readonly dtype?: readonly ('float32' | 'float16' | 'int8' | 'int4')[];
  /** Post-training (false) and/or quantization-aware (true) quantization of each quantized point. */
  readonly aware?: readonly boolean[];
  readonly fine_tune_epochs: number;
  readonly objective: 'size' | 'size_then_latency';
}
