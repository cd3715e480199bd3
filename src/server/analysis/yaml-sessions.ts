/**
 * One incremental YAML parser per recently analysed document, so each new version re-parses only the
 * sections that changed. Bounded: the least recently analysed document's parser is dropped first.
 */
import { IncrementalYaml } from '../../core/config/incremental-yaml';

const MAX_DOCUMENTS = 16;

export class YamlSessions {
  private readonly parsers = new Map<string, IncrementalYaml>();

  for(uri: string): IncrementalYaml {
    const parser = this.parsers.get(uri) ?? new IncrementalYaml();
    // Re-inserting keeps the map in least-recently-used order.
    this.parsers.delete(uri);
    this.parsers.set(uri, parser);
    if (this.parsers.size > MAX_DOCUMENTS) this.parsers.delete(this.parsers.keys().next().value!);
    return parser;
  }

  forget(uri: string): void {
    this.parsers.delete(uri);
  }
}
