/** The plain-data part of an analysis that completion, code lenses and watched files need. */
import type { Analysis } from '../../core/analysis/analyze';
import type { ModelFacts } from './messages';

export function factsOf(analysis: Analysis): ModelFacts {
  return {
    config: analysis.parsed.config,
    ...(analysis.teacher ? { teacher: analysis.teacher } : {}),
    ...(analysis.student ? { student: analysis.student } : {}),
  };
}
