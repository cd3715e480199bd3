/**
 * Emits run events: stamped with the time, appended to `events.jsonl` in the run directory, and handed to
 * the listener (stdout JSON lines for the extension, or the CLI's progress bar). If the disk fills up, the
 * listener still gets every event, so the caller always learns how the run ended.
 */
import type { RunEvent } from '../../core/protocol/run-events';
import { EVENTS_FILE } from '../../core/runs/layout';
import type { RunFiles } from './run-files';

type Unstamped<T> = T extends RunEvent ? Omit<T, 'time'> : never;
export type EventInput = Unstamped<RunEvent>;

export class EventSink {
  private fileBroken = false;

  constructor(
    private readonly files: RunFiles | undefined,
    private readonly listener: (event: RunEvent) => void,
  ) {}

  emit(input: EventInput): RunEvent {
    const event = { time: new Date().toISOString(), ...input } as RunEvent;
    if (this.files && !this.fileBroken) {
      try {
        this.files.appendLine(EVENTS_FILE, JSON.stringify(event));
      } catch (error) {
        // Keep going: the caller still receives the events; the failure itself surfaces as the run's error.
        this.fileBroken = true;
        this.listener(event);
        throw error;
      }
    }
    this.listener(event);
    return event;
  }
}
