/**
 * `missing-file`: a teacher model.json, CSV file or image folder that does not exist (paths resolve
 * against the config file's folder), a model.json that cannot be read as a TF.js model, or weight
 * files its `weightsManifest` names that are not beside it. Rationale: the trainer would fail on these
 * minutes into a run (after building the data pipeline); the editor can say so while typing.
 */
import type { Rule } from '../analysis/rule';
import { problemsWithCode } from '../rule-helpers/report';

export const missingFileRule: Rule = {
  codes: ['missing-file'],
  check: (ctx) => problemsWithCode(ctx, 'missing-file'),
};
