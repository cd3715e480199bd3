/**
 * The main thread's states of open documents (for hover, definition, formatting, completion), one per URI,
 * replaced when the version changes. Keeping only the newest
 * version per document is what bounds the server's memory under a burst of edits.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentState } from './document-state';

export class DocumentCache {
  private readonly states = new Map<string, DocumentState>();

  /** The state of this exact document version (created, and the older one dropped, when it changed). */
  get(document: TextDocument): DocumentState {
    const cached = this.states.get(document.uri);
    if (cached && cached.version === document.version) return cached;
    const state = new DocumentState(document);
    this.states.set(document.uri, state);
    return state;
  }

  delete(uri: string): void {
    this.states.delete(uri);
  }
}
