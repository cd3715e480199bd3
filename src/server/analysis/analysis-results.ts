/**
 * The newest analysis result per document, and requests waiting for one (document symbols and folding
 * are answered from the worker's result instead of parsing on the main thread).
 */
import type { AnalysisResult } from './messages';

interface Waiter { readonly version: number; readonly resolve: (result: AnalysisResult | undefined) => void }

export class AnalysisResults {
  private readonly results = new Map<string, AnalysisResult>();
  private readonly waiters = new Map<string, Waiter[]>();

  get(uri: string): AnalysisResult | undefined {
    return this.results.get(uri);
  }

  /** The result for `version` or a newer one; undefined if the document closes first. */
  atLeast(uri: string, version: number): Promise<AnalysisResult | undefined> {
    const current = this.results.get(uri);
    if (current && current.version >= version) return Promise.resolve(current);
    return new Promise((resolve) => {
      const list = this.waiters.get(uri) ?? [];
      list.push({ version, resolve });
      this.waiters.set(uri, list);
    });
  }

  store(result: AnalysisResult): void {
    this.results.set(result.uri, result);
    const list = this.waiters.get(result.uri);
    if (!list) return;
    const ready = list.filter((w) => w.version <= result.version);
    const rest = list.filter((w) => w.version > result.version);
    if (rest.length) this.waiters.set(result.uri, rest); else this.waiters.delete(result.uri);
    for (const waiter of ready) waiter.resolve(result);
  }

  delete(uri: string): void {
    this.results.delete(uri);
    for (const waiter of this.waiters.get(uri) ?? []) waiter.resolve(undefined);
    this.waiters.delete(uri);
  }

  get size(): number {
    return this.results.size;
  }
}
