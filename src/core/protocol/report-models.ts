/** The models a run report holds, in the order every table and chart lists them. */
import type { ModelResult, RunReport } from './report';
import type { ModelRole } from './run-events';

export const MODEL_ROLES: readonly ModelRole[] = [
  'teacher',
  'assistant',
  'baseline',
  'student',
  'pruned',
  'quantized',
  'quantized_aware',
];

/** The report's models that exist, teacher first, each with its role. */
export function modelsOf(report: RunReport): { role: ModelRole; result: ModelResult }[] {
  return MODEL_ROLES.flatMap((role) => {
    const result = report[role];
    return result ? [{ role, result }] : [];
  });
}
