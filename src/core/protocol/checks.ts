/**
 * Structural checks for data that crosses a boundary (files a run leaves, messages to and from the panel).
 * Each check returns undefined when the value fits, else a message naming the path where it does not.
 * Shared by the validators that sit next to their types (report.ts, run-events.ts, sweep.ts) and by the
 * webview protocol. Pure TypeScript with no Node or DOM imports: bundled into the extension and the browser.
 */
export type Check = (value: unknown, at: string) => string | undefined;

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const num: Check = (v, at) =>
  typeof v === 'number' && Number.isFinite(v) ? undefined : `${at} should be a finite number`;
export const str: Check = (v, at) => (typeof v === 'string' ? undefined : `${at} should be a string`);
export const bool: Check = (v, at) => (typeof v === 'boolean' ? undefined : `${at} should be true or false`);
export const oneOf =
  (...allowed: readonly string[]): Check =>
  (v, at) =>
    typeof v === 'string' && allowed.includes(v) ? undefined : `${at} should be one of ${allowed.join(', ')}`;
export const optional =
  (check: Check): Check =>
  (v, at) =>
    v === undefined ? undefined : check(v, at);
export const nullable =
  (check: Check): Check =>
  (v, at) =>
    v === null ? undefined : check(v, at);
export const scalar: Check = (v, at) => (typeof v === 'string' || typeof v === 'boolean' ? undefined : num(v, at));

export const list =
  (item: Check, maxLength = 1_000_000): Check =>
  (v, at) => {
    if (!Array.isArray(v)) return `${at} should be a list`;
    if (v.length > maxLength) return `${at} has ${v.length} items, more than ${maxLength}`;
    for (let i = 0; i < v.length; i++) {
      const problem = item(v[i], `${at}[${i}]`);
      if (problem) return problem;
    }
    return undefined;
  };

export const record =
  (values: Check): Check =>
  (v, at) => {
    if (!isRecord(v)) return `${at} should be an object`;
    for (const [key, value] of Object.entries(v)) {
      const problem = values(value, `${at}.${key}`);
      if (problem) return problem;
    }
    return undefined;
  };

/** Checks the listed fields; other fields are allowed (newer producers may add some) but never read. */
export const shape =
  (fields: Readonly<Record<string, Check>>): Check =>
  (v, at) => {
    if (!isRecord(v)) return `${at} should be an object`;
    for (const [key, check] of Object.entries(fields)) {
      const problem = check(v[key], `${at}.${key}`);
      if (problem) return problem;
    }
    return undefined;
  };

/** A `schema_version` field that must be exactly `version`. */
export const schemaVersion =
  (version: number, what: string): Check =>
  (v, at) =>
    v === version ? undefined : `${at} should be ${version} (this panel reads ${what} schema version ${version})`;
