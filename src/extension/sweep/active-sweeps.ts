/** Sweeps running in this window, by config path (one at a time per config); cancelled when the window goes. */
import type { SweepSession } from './sweep-session';

export const activeSweeps = new Map<string, SweepSession>();

/** The CLI cancels its trials (scancel on Slurm) and writes sweep.json when it gets SIGTERM. */
export function cancelAllSweeps(): void {
  for (const session of activeSweeps.values()) session.cancel();
}
