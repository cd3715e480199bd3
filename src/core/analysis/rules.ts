/** Every semantic and risk rule, in reporting order. Each rule lives in its own file under ../rules. */
import type { Rule } from './rule';

export const RULES: readonly Rule[] = [];
