/**
 * Debounces validation per document: an edit (re)starts that document's timer, and only the last edit of a
 * burst is validated. Opening validates at once; closing cancels the pending run.
 */
export class DiagnosticsScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly delayMs: number,
    private readonly validate: (uri: string) => void,
  ) {}

  schedule(uri: string): void {
    this.cancel(uri);
    const timer = setTimeout(() => {
      this.timers.delete(uri);
      this.validate(uri);
    }, this.delayMs);
    this.timers.set(uri, timer);
  }

  now(uri: string): void {
    this.cancel(uri);
    this.validate(uri);
  }

  cancel(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
  }

  get pending(): number {
    return this.timers.size;
  }
}
