/**
 * The one status vocabulary of a listed run: the run events' terminal states (`done`, `failed`, `cancelled`,
 * as in report.json) plus `running` (events but no report yet: going, or interrupted before writing its
 * report) and `unreadable` (a report.json that readRunReport refuses). No Node imports: the webview bundles it.
 */
import type { RunStatus } from '../protocol/report';

export type RunState = RunStatus | 'running' | 'unreadable';

/** Every state, for validators and exhaustive maps. */
export const RUN_STATES: readonly RunState[] = ['done', 'failed', 'cancelled', 'running', 'unreadable'];
