/**
 * The webview side of VS Code: `acquireVsCodeApi()` (callable once per page) for posting typed messages to the
 * host and keeping the panel's UI state across reloads.
 */
import type { WebviewToHost } from '../core/protocol/webview-messages';
import type { UiState } from './ui-state';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface HostConnection {
  post<K extends keyof WebviewToHost>(type: K, payload: WebviewToHost[K]): void;
  loadState(): unknown;
  saveState(state: UiState): void;
}

export function connectToHost(): HostConnection {
  if (typeof acquireVsCodeApi !== 'function')
    throw new Error('acquireVsCodeApi is missing: the Distillery panel only runs inside a VS Code webview');
  const api = acquireVsCodeApi();
  return {
    post: (type, payload) => api.postMessage({ type, payload }),
    loadState: () => api.getState(),
    saveState: (state) => api.setState(state),
  };
}
