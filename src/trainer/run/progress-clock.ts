/** Estimates the seconds left from the epochs planned for the whole run and the time the finished ones took. */
export class ProgressClock {
  private done = 0;
  private seconds = 0;

  constructor(private planned: number) {}

  /** Records one finished epoch of `seconds` and returns the estimated seconds until the run ends. */
  epochFinished(seconds: number): number {
    this.done++;
    this.seconds += seconds;
    const remaining = Math.max(0, this.planned - this.done);
    return (this.seconds / this.done) * remaining;
  }

  /** Early stopping or resume changes the plan: drop epochs that will not run. */
  skip(epochs: number): void {
    this.planned = Math.max(this.done, this.planned - epochs);
  }
}
