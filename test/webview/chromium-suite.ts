/** The setup every Chromium suite shares: the built panel, its localhost server and one browser per suite. */
import { after, before } from 'node:test';
import { type Browser, buildPanel, launchBrowser, type PanelServer, startServer } from './harness';

export interface ChromiumSuite {
  readonly server: PanelServer;
  readonly browser: Browser;
}

/** Registers before/after hooks in the calling `describe` (ahead of the suite's own); read the fields in hooks and tests. */
export function useChromiumSuite(): ChromiumSuite {
  let server: PanelServer | undefined;
  let browser: Browser | undefined;
  before(async () => {
    buildPanel();
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the suite's ${what} is not started: use it inside a hook or test`);
    return value;
  };
  return {
    get server() {
      return started(server, 'panel server');
    },
    get browser() {
      return started(browser, 'browser');
    },
  };
}
