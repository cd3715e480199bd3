/**
 * The events of a config's current run, kept by the host so a panel opened (or reloaded) mid-run redraws the
 * whole curve. A `start` event begins a new run; the buffer is bounded so a runaway run cannot exhaust memory.
 */
import type { RunEvent } from '../../core/protocol/run-events';

export class RunEventBuffer {
  private events: RunEvent[] = [];

  constructor(private readonly capacity = 50_000) {}

  add(event: RunEvent): void {
    if (event.type === 'start') this.events = [];
    this.events.push(event);
    // Keep the run's start event (it names the run) and drop the oldest epochs after it.
    if (this.events.length > this.capacity) this.events.splice(1, this.events.length - this.capacity);
  }

  all(): readonly RunEvent[] {
    return this.events;
  }

  /** The run directory of the current run, from its start event. */
  runDir(): string | undefined {
    const first = this.events[0];
    return first?.type === 'start' ? first.run_dir : undefined;
  }

  /** The run directory of the current run once it has ended (done, failed or cancelled); undefined while it runs. */
  endedRunDir(): string | undefined {
    const last = this.events[this.events.length - 1];
    return last?.type === 'done' || last?.type === 'failed' || last?.type === 'cancelled' ? this.runDir() : undefined;
  }
}
