/**
 * One version of one open config: its text, and (computed on first use, then kept) its line index, its
 * parse and its full analysis. A new version gets a new state, so nothing is ever parsed twice.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeParsed, type Analysis } from '../core/analysis/analyze';
import type { ConfigFileSystem } from '../core/analysis/file-system';
import { parseConfig, type ParsedConfig } from '../core/config/parse';
import { LineIndex } from './language/block-path';
import { uriToPath } from './uri';

export class DocumentState {
  readonly configPath: string;
  readonly uri: string;
  /** Captured at creation: the TextDocument object itself is updated in place by later edits. */
  readonly version: number;
  readonly text: string;
  private lineIndex?: LineIndex;
  private lineStarts?: number[];
  private parsedConfig?: ParsedConfig;
  private fullAnalysis?: Analysis;

  constructor(
    document: TextDocument,
    private readonly fs: ConfigFileSystem,
  ) {
    this.uri = document.uri;
    this.version = document.version;
    this.text = document.getText();
    this.configPath = uriToPath(document.uri);
  }

  get lines(): LineIndex {
    this.lineIndex ??= new LineIndex(this.text.split(/\r?\n/));
    return this.lineIndex;
  }

  /** Offset of an LSP position (clamped to the text). */
  offsetAt(position: { readonly line: number; readonly character: number }): number {
    if (!this.lineStarts) {
      this.lineStarts = [0];
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
    }
    const start = this.lineStarts[Math.max(0, Math.min(position.line, this.lineStarts.length - 1))] ?? 0;
    return Math.min(this.text.length, start + Math.max(0, position.character));
  }

  get parsed(): ParsedConfig {
    this.parsedConfig ??= parseConfig(this.text);
    return this.parsedConfig;
  }

  get analysis(): Analysis {
    this.fullAnalysis ??= analyzeParsed(this.parsed, this.configPath, this.fs);
    return this.fullAnalysis;
  }

  get hasAnalysis(): boolean {
    return this.fullAnalysis !== undefined;
  }

  /** Forget the analysis (not the parse) because a file it read changed on disk. */
  dropAnalysis(): void {
    this.fullAnalysis = undefined;
  }
}
