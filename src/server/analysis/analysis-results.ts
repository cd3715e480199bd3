/**
 * The newest analysis and outline per document, and requests waiting for an outline (document symbols
 * and folding are answered from the worker's result instead of parsing on the main thread).
 */
import type { AnalysisResult, OutlineResult } from './messages';

interface Waiter {
  readonly version: number;
  readonly resolve: (outline: OutlineResult | undefined) => void;
}

export class AnalysisResults {
  private readonly results = new Map<string, AnalysisResult>();
  private readonly outlines = new Map<string, OutlineResult>();
  private readonly waiters = new Map<string, Waiter[]>();

  get(uri: string): AnalysisResult | undefined {
    return this.results.get(uri);
  }

  store(result: AnalysisResult): void {
    this.results.set(result.uri, result);
  }

  /** The outline of `version` or a newer one; undefined if the document closes first. */
  outline(uri: string, version: number): Promise<OutlineResult | undefined> {
    const current = this.outlines.get(uri);
    if (current && current.version >= version) return Promise.resolve(current);
    return new Promise((resolve) => {
      const list = this.waiters.get(uri) ?? [];
      list.push({ version, resolve });
      this.waiters.set(uri, list);
    });
  }

  storeOutline(outline: OutlineResult): void {
    this.outlines.set(outline.uri, outline);
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
    for (const waiter of this.waiters.get(uri) ?? []) waiter.resolve(undefined);
    this.waiters.delete(uri);
  }

  get size(): number {
    return this.results.size;
  }
}
