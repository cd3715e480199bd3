/**
 * The file access the analysis needs, injected so the language server (open documents, caching, watched
 * files) and the CLI (plain disk) share the rules. All paths are absolute.
 */
export interface ConfigFileSystem {
  readText(path: string): string | undefined;
  /**
   * The text handed over in chunks as it is read (large CSV files are scanned without holding their text); false
   * when it cannot be read. Optional: without it the text is read whole.
   */
  readTextChunks?(path: string, onText: (text: string) => void): boolean;
  /** Raw bytes (binary model files such as ONNX), undefined when unreadable. */
  readBytes(path: string): Uint8Array | undefined;
  kind(path: string): 'file' | 'folder' | undefined;
  /** Entries of a folder (names only), empty when it does not exist. */
  list(path: string): readonly string[];
  /**
   * Why a path that exists cannot be read (a device or FIFO, above the size limit, no permission), so a
   * message does not call it "not found"; undefined when it does not exist or reads fine.
   */
  readProblem?(path: string): string | undefined;
  /** The path with symbolic links resolved (undefined when it does not exist), so containment holds on disk too. */
  realPath?(path: string): string | undefined;
}
