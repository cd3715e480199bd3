import type { ConfigPath } from './source-map';

/** `['student', 'layers', 0, 'dense']` -> `student.layers[0].dense`, as users read paths. */
export function displayPath(path: ConfigPath): string {
  return path.reduce<string>(
    (text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part),
    '',
  );
}
