/** Lengths of time: wall-clock durations (seconds) and latencies (milliseconds). */
import { isShowable, MISSING } from './missing';

/** 4.2 s, 42 s, 1 min 36 s, 2 h 1 min. Tenths only below 10 s, where they still mean something. */
export function formatDuration(seconds: number | undefined): string {
  if (!isShowable(seconds)) return MISSING;
  const s = Math.max(0, seconds);
  if (s < 9.95) return `${s.toFixed(1)} s`;
  const whole = Math.round(s);
  if (whole < 60) return `${whole} s`;
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return `${minutes} min ${whole % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** A latency: 350 µs below a millisecond, else 1.25 ms. */
export function formatMs(ms: number | undefined): string {
  if (!isShowable(ms)) return MISSING;
  return ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`;
}
