/**
 * The language-server fuzz: mutated configs (config-mutations.ts) sent to the BUILT server over stdio by a real LSP
 * client, as an editor would: didOpen/didChange, then the published diagnostics, completion and hover at random
 * positions. Every request must be answered within the time budget, the process must stay up, no rule may crash
 * (the server logs each one), and every diagnostic must lie inside its document. Used by config-fuzz.test.ts (a
 * seeded subset in `npm test`) and scripts/server-fuzz.ts (the full 10,000).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CompletionRequest, type Diagnostic, HoverRequest } from 'vscode-languageserver-protocol/node';
import { createRandom } from '../../src/core/random/mulberry32';
import { EXAMPLES_DIR, mutatedConfig, randomPosition, shippedExamples } from './config-mutations';
import { fileUri, LspHarness } from './lsp-harness';

export interface FuzzOptions {
  readonly seed: number;
  readonly count: number;
  /** Longest any one answer (diagnostics, completion, hover) may take. */
  readonly requestBudgetMs: number;
  /** A fresh document (didOpen) every this many documents; didChange in between. */
  readonly reopenEvery?: number;
  readonly onProgress?: (done: number) => void;
}

export interface FuzzResult {
  readonly documents: number;
  readonly requests: number;
  readonly wallMs: number;
  readonly slowestMs: number;
  readonly slowest: string;
  /** Total time spent waiting for each kind of answer. */
  readonly msByKind: Readonly<Record<string, number>>;
}

export class FuzzFailure extends Error {}

/** One line for the log: the count, the requests answered, the wall time and the slowest answer. */
export function describeFuzzResult(result: FuzzResult, seed: number): string {
  return (
    `language-server fuzz: ${result.documents} documents (seed ${seed}), ${result.requests} requests answered in ` +
    `${(result.wallMs / 1000).toFixed(1)} s; slowest answer ${result.slowestMs.toFixed(0)} ms (${result.slowest})`
  );
}

/** `promise`, or a rejection naming `what` when it has not settled within `ms`. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function outsideDocument(text: string, diagnostics: readonly Diagnostic[]): Diagnostic | undefined {
  const lines = text.split(/\r\n|\r|\n/);
  const inside = (p: { line: number; character: number }): boolean =>
    p.line >= 0 && p.character >= 0 && (p.line < lines.length || (p.line === lines.length && p.character === 0));
  return diagnostics.find((d) => !inside(d.range.start) || !inside(d.range.end));
}

/** Logged lines that mean something broke inside the server (a rule, a feature handler, the worker). */
const BROKEN = /failed|uncaught|unhandled|crash|exception/i;

export async function runConfigFuzz(options: FuzzOptions): Promise<FuzzResult> {
  const examples = shippedExamples();
  const reopenEvery = options.reopenEvery ?? 250;
  const server = await LspHarness.start({ diagnosticsDelayMs: 0 });
  const started = Date.now();
  let requests = 0;
  let slowestMs = 0;
  let slowest = '';
  let uri = '';
  const msByKind: Record<string, number> = {};
  const timed = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    const begin = performance.now();
    const value = await within(run(), options.requestBudgetMs, what);
    const took = performance.now() - begin;
    requests++;
    msByKind[what] = (msByKind[what] ?? 0) + took;
    if (took > slowestMs) {
      slowestMs = took;
      slowest = what;
    }
    return value;
  };
  try {
    for (let index = 0; index < options.count; index++) {
      const mutated = mutatedConfig(examples, options.seed, index);
      const label = `seed ${options.seed} document ${index} (${mutated.recipe})`;
      const fail = (why: string): never => {
        const saved = path.join(os.tmpdir(), `distillery-fuzz-${options.seed}-${index}.distill.yaml`);
        fs.writeFileSync(saved, mutated.text);
        throw new FuzzFailure(`${label}: ${why}\nThe document is saved at ${saved}`);
      };
      try {
        let diagnostics: Diagnostic[];
        if (index % reopenEvery === 0) {
          if (uri) await server.close(uri);
          // Beside the examples, so their relative paths (teacher models, data) resolve as in a real workspace.
          uri = fileUri(path.join(EXAMPLES_DIR, `fuzz-${options.seed}-${index}.distill.yaml`));
          diagnostics = await timed('didOpen diagnostics', () => server.open(uri, mutated.text));
        } else {
          diagnostics = await timed('didChange diagnostics', () => server.changeAndWait(uri, mutated.text));
        }
        const outside = outsideDocument(mutated.text, diagnostics);
        if (outside) fail(`a diagnostic lies outside the document: ${JSON.stringify(outside)}`);
        const random = createRandom(options.seed ^ (index * 7919));
        const doc = { textDocument: { uri } };
        for (let i = 0; i < 2; i++) {
          const position = randomPosition(mutated.text, random);
          await timed('completion', () => server.connection.sendRequest(CompletionRequest.type, { ...doc, position }));
          await timed('hover', () => server.connection.sendRequest(HoverRequest.type, { ...doc, position }));
        }
      } catch (error) {
        if (error instanceof FuzzFailure) throw error;
        fail(error instanceof Error ? error.message : String(error));
      }
      if (server.child.exitCode !== null) fail(`the server exited with code ${server.child.exitCode}`);
      const broken = server.logs.find((l) => BROKEN.test(l));
      if (broken) fail(`the server logged: ${broken}`);
      options.onProgress?.(index + 1);
    }
    return { documents: options.count, requests, wallMs: Date.now() - started, slowestMs, slowest, msByKind };
  } finally {
    server.kill();
  }
}
