/**
 * Emits run events: stamped with the time, appended to `events.jsonl` in the run directory, and handed to
 * the listener (stdout JSON lines for the extension, or the CLI's progress bar). If the disk fills up, the
 * listener still gets every event, so the caller always learns how the run ended.
 */
import type { RunEvent, SearchPointTag } from '../../core/protocol/run-events';
import { EVENTS_FILE } from '../../core/runs/layout';
import type { RunFiles } from './run-files';

type Unstamped<T> = T extends RunEvent ? Omit<T, 'time'> : never;
export type EventInput = Unstamped<RunEvent>;

/** The events a search point's phases emit, which carry its tag (run-events' SearchPointTag). */
const TAGGED_TYPES: ReadonlySet<RunEvent['type']> = new Set(['phase', 'epoch', 'eval', 'warning']);

export class EventSink {
  /** Shared by the sinks `withSearchPoint` makes: one events file, broken for all once it breaks. */
  private readonly state: { fileBroken: boolean };

  constructor(
    private readonly files: RunFiles | undefined,
    private readonly listener: (event: RunEvent) => void,
    private readonly searchPoint?: SearchPointTag,
    state?: { fileBroken: boolean },
  ) {
    this.state = state ?? { fileBroken: false };
  }

  /** The same stream, with every phase, epoch, eval and warning event tagged as part of one search point. */
  withSearchPoint(tag: SearchPointTag): EventSink {
    return new EventSink(this.files, this.listener, tag, this.state);
  }

  emit(input: EventInput): RunEvent {
    const tag = this.searchPoint && TAGGED_TYPES.has(input.type) ? { search_point: this.searchPoint } : {};
    const event = { time: new Date().toISOString(), ...input, ...tag } as RunEvent;
    if (this.files && !this.state.fileBroken) {
      try {
        this.files.appendLine(EVENTS_FILE, JSON.stringify(event));
      } catch (error) {
        // Keep going: the caller still receives the events; the failure itself surfaces as the run's error.
        this.state.fileBroken = true;
        this.listener(event);
        throw error;
      }
    }
    this.listener(event);
    return event;
  }
}
