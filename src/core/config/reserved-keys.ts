/**
 * Keys the schema deliberately lacks but that a dedicated rule reports with a better message than
 * `unknown-key` (see rules/ambiguous-alpha.ts).
 */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['distillation.alpha']);
