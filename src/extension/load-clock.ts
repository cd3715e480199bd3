/**
 * The moment the extension bundle started evaluating. Imported first by main.ts, so (esbuild keeps import
 * order) it runs before every other module of the bundle; activation reports how long loading took.
 */
import { performance } from 'node:perf_hooks';

export const bundleLoadStartedAt = performance.now();
