/**
 * Estimates the seconds left from the epochs planned for the whole run and the wall time the finished ones
 * took. Wall time (not summed epoch times), so epochs trained concurrently in a worker process count right.
 */
export class ProgressClock {
  private done = 0;
  private readonly started = performance.now();

  constructor(private planned: number) {}

  /** Records one finished epoch and returns the estimated seconds until the run ends. */
  epochFinished(): number {
    this.done++;
    const elapsed = (performance.now() - this.started) / 1000;
    return (elapsed / this.done) * Math.max(0, this.planned - this.done);
  }

  /** Early stopping or resume changes the plan: drop epochs that will not run. */
  skip(epochs: number): void {
    this.planned = Math.max(this.done, this.planned - epochs);
  }
}
