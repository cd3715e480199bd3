/**
 * The newest analysis (diagnostics) and outline (facts, node locations, symbols, folding) per document, and
 * requests waiting for the outline of a version: hover, definition, code actions, symbols, folding and the
 * panel read the worker's one analysis of that version instead of analysing again on the main thread.
 */
import type { AnalysisResult, ModelFacts, OutlineResult } from './messages';

interface Waiter {
  readonly version: number;
  readonly resolve: (outline: OutlineResult | undefined) => void;
}

export class AnalysisResults {
  private readonly results = new Map<string, AnalysisResult>();
  private readonly outlines = new Map<string, OutlineResult>();
  /** The newest facts per document: an outline of a version that failed to analyse has none. */
  private readonly newestFacts = new Map<string, ModelFacts>();
  private readonly waiters = new Map<string, Waiter[]>();

  get(uri: string): AnalysisResult | undefined {
    return this.results.get(uri);
  }

  store(result: AnalysisResult): void {
    this.results.set(result.uri, result);
  }

  /** Facts of the newest analysed version (possibly a few edits old); undefined before the first. */
  facts(uri: string): ModelFacts | undefined {
    return this.newestFacts.get(uri);
  }

  /**
   * The outline of `version` or a newer one; undefined if the document closes first or none arrives within
   * `budgetMs` (a request must answer in bounded time even when the worker is slow or stuck).
   */
  outline(uri: string, version: number, budgetMs: number): Promise<OutlineResult | undefined> {
    const current = this.outlines.get(uri);
    if (current && current.version >= version) return Promise.resolve(current);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        const list = this.waiters.get(uri)?.filter((w) => w !== waiter) ?? [];
        if (list.length) this.waiters.set(uri, list);
        else this.waiters.delete(uri);
        resolve(undefined);
      }, budgetMs);
      const waiter: Waiter = {
        version,
        resolve: (outline) => {
          clearTimeout(timer);
          resolve(outline);
        },
      };
      const list = this.waiters.get(uri) ?? [];
      list.push(waiter);
      this.waiters.set(uri, list);
    });
  }

  storeOutline(outline: OutlineResult): void {
    this.outlines.set(outline.uri, outline);
    if (outline.facts) this.newestFacts.set(outline.uri, outline.facts);
    const list = this.waiters.get(outline.uri);
    if (!list) return;
    const ready = list.filter((w) => w.version <= outline.version);
    const rest = list.filter((w) => w.version > outline.version);
    if (rest.length) this.waiters.set(outline.uri, rest);
    else this.waiters.delete(outline.uri);
    for (const waiter of ready) waiter.resolve(outline);
  }

  delete(uri: string): void {
    this.results.delete(uri);
    this.outlines.delete(uri);
    this.newestFacts.delete(uri);
    for (const waiter of this.waiters.get(uri) ?? []) waiter.resolve(undefined);
    this.waiters.delete(uri);
  }

  get size(): number {
    return this.results.size;
  }
}
