/** Typed access to the `distillery.*` settings declared in package.json (contributes.configuration). */
import * as vscode from 'vscode';

export type BackendPreference = 'auto' | 'tensorflow' | 'wasm' | 'cpu';
export type DiagnosticsStrictness = 'errors' | 'normal' | 'strict';

export interface DistillerySettings {
  readonly backend: BackendPreference;
  /** Runs folder relative to the workspace folder; empty means "the config's own `output` key". */
  readonly runsFolder: string;
  /** Node executable for the trainer; empty means VS Code's own runtime. */
  readonly trainerNodePath: string;
  readonly strictness: DiagnosticsStrictness;
}

const BACKENDS: readonly BackendPreference[] = ['auto', 'tensorflow', 'wasm', 'cpu'];
const STRICTNESS: readonly DiagnosticsStrictness[] = ['errors', 'normal', 'strict'];

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

/** Reads the settings as seen from `scope` (a config file, so folder-level overrides apply). */
export function readSettings(scope?: vscode.Uri): DistillerySettings {
  const config = vscode.workspace.getConfiguration('distillery', scope);
  return {
    backend: oneOf(config.get('trainer.backend'), BACKENDS, 'auto'),
    runsFolder: (config.get<string>('runsFolder') ?? '').trim(),
    trainerNodePath: (config.get<string>('trainer.nodePath') ?? '').trim(),
    strictness: oneOf(config.get('diagnostics.strictness'), STRICTNESS, 'normal'),
  };
}
