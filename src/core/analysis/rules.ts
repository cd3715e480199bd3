/** Every semantic and risk rule, in reporting order. Each rule lives in its own file under ../rules. */
import type { Rule } from './rule';
import { sweepBudgetRule } from '../rules/sweep-budget';
import { sweepNeedsValidationRule } from '../rules/sweep-needs-validation';
import { sweepOnTestRule } from '../rules/sweep-on-test';
import { sweepParametersRule } from '../rules/sweep-parameters';

export const RULES: readonly Rule[] = [sweepParametersRule, sweepNeedsValidationRule, sweepOnTestRule, sweepBudgetRule];
