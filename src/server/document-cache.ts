/**
 * The states of open documents, one per URI, replaced when the version changes. Keeping only the newest
 * version per document is what bounds the server's memory under a burst of edits.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ConfigFileSystem } from '../core/analysis/file-system';
import { DocumentState } from './document-state';

export class DocumentCache {
  private readonly states = new Map<string, DocumentState>();
  /** Per URI, the newest state whose analysis was published: completion reads layer names from it without re-parsing. */
  private readonly analysed = new Map<string, DocumentState>();

  constructor(private readonly fs: ConfigFileSystem) {}

  /** The state of this exact document version (created, and the older one dropped, when it changed). */
  get(document: TextDocument): DocumentState {
    const cached = this.states.get(document.uri);
    if (cached && cached.version === document.version) return cached;
    const state = new DocumentState(document, this.fs);
    this.states.set(document.uri, state);
    return state;
  }

  /** The newest state computed for a URI, possibly of an older version (for data that may lag an edit). */
  latest(uri: string): DocumentState | undefined {
    return this.states.get(uri);
  }

  markAnalysed(state: DocumentState): void {
    this.analysed.set(state.uri, state);
  }

  lastAnalysed(uri: string): DocumentState | undefined {
    return this.analysed.get(uri);
  }

  delete(uri: string): void {
    this.states.delete(uri);
    this.analysed.delete(uri);
  }

  all(): IterableIterator<DocumentState> {
    return this.states.values();
  }

  get analysedCount(): number {
    let count = 0;
    for (const state of this.states.values()) if (state.hasAnalysis) count++;
    return count;
  }
}
