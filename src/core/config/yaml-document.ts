/**
 * The one way a config's text becomes a YAML document: YAML 1.2, unique keys, errors collected rather than
 * thrown. Every node keeps its source range (`node.range`, offsets into the text).
 */
import { type Document, parseDocument } from 'yaml';

export const YAML_OPTIONS = { prettyErrors: false, uniqueKeys: true, strict: false, version: '1.2' } as const;

/** A parser of whole config texts; `IncrementalYaml` is the one that reuses unchanged sections. */
export type YamlParser = (text: string) => Document.Parsed;

export const parseYaml: YamlParser = (text) => parseDocument(text, YAML_OPTIONS);
