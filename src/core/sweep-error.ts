/**
 * A sweep or a cluster run that cannot start or continue, with what the user can do about it. Thrown by the
 * sweep, by the Slurm commands under it and by the trainer command lookup; here in core so that every layer
 * that throws it sits below every layer that catches it.
 */
export class SweepError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'SweepError';
  }
}
