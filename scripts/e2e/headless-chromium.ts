/**
 * The browser the webview tests and the VS Code e2e run drive through playwright-core: Debian's Chromium, with
 * the flags a container needs (no sandbox or GPU, no background network or sync, /tmp instead of a small /dev/shm).
 */
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_FLAGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Fails with the remedy when the browser is not installed, before a launch fails less clearly. */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y --no-install-recommends chromium), as .ci/run does`,
    );
  }
}
