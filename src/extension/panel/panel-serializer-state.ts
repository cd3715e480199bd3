/** Reads what a restored webview saved with setState (no `vscode` import, so it is tested directly). */
import type { PanelKind } from '../../core/protocol/webview-messages';

const KINDS: readonly PanelKind[] = ['config', 'run', 'sweep'];

/** The panel kind and target saved in a webview's state, or undefined when the state is not one of ours. */
export function restoredTarget(state: unknown): { kind: PanelKind; target: string } | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const init = (state as { init?: unknown }).init;
  if (typeof init !== 'object' || init === null) return undefined;
  const { kind, target } = init as { kind?: unknown; target?: unknown };
  if (typeof kind !== 'string' || !KINDS.includes(kind as PanelKind) || typeof target !== 'string') return undefined;
  return { kind: kind as PanelKind, target };
}
