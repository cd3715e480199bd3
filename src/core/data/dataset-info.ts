/** What the analysis needs to know about a dataset without loading it: shape, classes, size, balance. */
export interface DatasetInfo {
  readonly name: string;
  /** Shape of one example as the model sees it, e.g. [28, 28, 1] or [4]. */
  readonly inputShape: readonly number[];
  readonly classNames: readonly string[];
  /** Examples per class, in `classNames` order (after de-duplication). */
  readonly classCounts: readonly number[];
  readonly examples: number;
}
