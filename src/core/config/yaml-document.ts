/**
 * The one way a config's text becomes a YAML document: YAML 1.2, unique keys, errors collected rather than
 * thrown. Every node keeps its source range (`node.range`, offsets into the text).
 */
import { type Document, parseDocument, YAMLParseError } from 'yaml';
import { flowDepthExceeded, MAX_FLOW_DEPTH } from './flow-depth';

export const YAML_OPTIONS = { prettyErrors: false, uniqueKeys: true, strict: false, version: '1.2' } as const;

/** A parser of whole config texts; `IncrementalYaml` is the one that reuses unchanged sections. */
export type YamlParser = (text: string) => Document.Parsed;

/**
 * Text nested deeper than MAX_FLOW_DEPTH flow collections is read only up to the bracket that goes too deep,
 * with an error there: the parser would take seconds on it (see flow-depth.ts).
 */
export const parseYaml: YamlParser = (text) => {
  const tooDeep = flowDepthExceeded(text);
  if (tooDeep === undefined) return parseDocument(text, YAML_OPTIONS);
  const document = parseDocument(text.slice(0, tooDeep), YAML_OPTIONS);
  // First, so the cap on listed syntax errors (parse.ts) never hides why the rest was not read.
  document.errors.unshift(
    new YAMLParseError(
      [tooDeep, tooDeep + 1],
      'RESOURCE_EXHAUSTION',
      `flow collections ({ and [) nested more than ${MAX_FLOW_DEPTH} levels deep; the rest of the file is not read`,
    ),
  );
  return document;
};
