/**
 * `unknown-key` for `data.source.label`: the label column must be one of the CSV header's columns.
 * Rationale: a misspelt label column is otherwise found only when the trainer loads the data.
 */
import type { Rule } from '../analysis/rule';
import { problemsWithCode } from '../rule-helpers/report';

export const csvLabelRule: Rule = {
  codes: ['unknown-key'],
  check: (ctx) => problemsWithCode(ctx, 'unknown-key'),
};
