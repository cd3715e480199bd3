/** A sweep that cannot start or continue, with what the user can do about it. */
export class SweepError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'SweepError';
  }
}
