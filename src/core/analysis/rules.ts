/** Every semantic and risk rule, in reporting order. Each rule lives in its own file under ../rules. */
import { aggressivePruningRule } from '../rules/aggressive-pruning';
import { aggressiveQuantizationRule } from '../rules/aggressive-quantization';
import { ambiguousAlphaRule } from '../rules/ambiguous-alpha';
import { capacityGapRule } from '../rules/capacity-gap';
import { classImbalanceRule } from '../rules/class-imbalance';
import { augmentFitsRule } from '../rules/augment-fits';
import { awareFloat16Rule } from '../rules/aware-float16';
import { csvLabelRule } from '../rules/csv-label';
import { epochsWithoutAwareRule } from '../rules/epochs-without-aware';
import { coarseTargetRule } from '../rules/coarse-target';
import { initFromTeacherRule } from '../rules/init-from-teacher';
import { missingFileRule } from '../rules/missing-file';
import { modelBudgetRule } from '../rules/model-budget';
import { noBaselineRule } from '../rules/no-baseline';
import { noCompressionRule } from '../rules/no-compression';
import { noValidationRule } from '../rules/no-validation';
import { pruningEmptiesLayerRule } from '../rules/pruning-empties-layer';
import { shapeMismatchRule } from '../rules/shape-mismatch';
import { smallTransferSetRule } from '../rules/small-transfer-set';
import { splitSharesRule } from '../rules/split-shares';
import { sweepBudgetRule } from '../rules/sweep-budget';
import { sweepNeedsValidationRule } from '../rules/sweep-needs-validation';
import { sweepOnTestRule } from '../rules/sweep-on-test';
import { sweepParametersRule } from '../rules/sweep-parameters';
import { targetNeedsValidationRule } from '../rules/target-needs-validation';
import { targetReplacesSectionsRule } from '../rules/target-replaces-sections';
import { temperatureRule } from '../rules/temperature';
import { unknownLayerRule } from '../rules/unknown-layer';
import { weightsRule } from '../rules/weights';
import type { Rule } from './rule';

export const RULES: readonly Rule[] = [
  splitSharesRule,
  missingFileRule,
  csvLabelRule,
  unknownLayerRule,
  initFromTeacherRule,
  augmentFitsRule,
  shapeMismatchRule,
  modelBudgetRule,
  ambiguousAlphaRule,
  capacityGapRule,
  noCompressionRule,
  temperatureRule,
  weightsRule,
  smallTransferSetRule,
  noValidationRule,
  noBaselineRule,
  aggressivePruningRule,
  pruningEmptiesLayerRule,
  targetNeedsValidationRule,
  coarseTargetRule,
  targetReplacesSectionsRule,
  aggressiveQuantizationRule,
  awareFloat16Rule,
  epochsWithoutAwareRule,
  classImbalanceRule,
  sweepParametersRule,
  sweepNeedsValidationRule,
  sweepOnTestRule,
  sweepBudgetRule,
];
