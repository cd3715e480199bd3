/** One `distillery` sub-command. Each lives in its own file under commands/. */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly stderr: NodeJS.WritableStream;
  readonly cwd: string;
}

export interface CliCommand {
  readonly name: string;
  /** One line for `distillery --help`. */
  readonly summary: string;
  /** Full usage text for `distillery NAME --help`. */
  readonly usage: string;
  /** Resolves to the process exit code: 0 success, 1 failure, 2 usage error. */
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/** Thrown for a bad command line; the dispatcher prints it with the usage and exits 2. */
export class UsageError extends Error {}
