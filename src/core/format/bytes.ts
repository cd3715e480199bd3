/**
 * File and model sizes. One convention everywhere: BINARY units (1 KiB = 1024 B, 1 MiB = 1024 KiB), written with
 * their IEC names so nobody reads "MB" as 10^6. Binary because the sizes are of weight buffers and files whose
 * natural grain is powers of two, and because the panel has always said MiB.
 */
import { isShowable, MISSING } from './missing';

const KIB = 1024;
const MIB = KIB * 1024;
const GIB = MIB * 1024;

/** 420 B, 2.0 KiB, 5.00 MiB, 1.20 GiB. */
export function formatBytes(bytes: number | undefined): string {
  if (!isShowable(bytes)) return MISSING;
  const abs = Math.abs(bytes);
  if (abs >= GIB) return `${(bytes / GIB).toFixed(2)} GiB`;
  if (abs >= MIB) return `${(bytes / MIB).toFixed(2)} MiB`;
  if (abs >= KIB) return `${(bytes / KIB).toFixed(1)} KiB`;
  return `${Math.round(bytes)} B`;
}

/** A size in KiB as a plain number, for chart axes whose unit is named once in the title. */
export const bytesToKib = (bytes: number): number => bytes / KIB;
