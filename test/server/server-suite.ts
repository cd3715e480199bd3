/** The setup most server suites share: one built server and one temp workspace per suite, fresh config URIs. */
import { after, before } from 'node:test';
import { createWorkspace, type Workspace } from './fixtures';
import { type HarnessOptions, LspHarness } from './lsp-harness';

export interface ServerSuite {
  readonly server: LspHarness;
  readonly workspace: Workspace;
  /** A config URI no other test of the suite has used (`<prefix>-N.distill.yaml`). */
  freshUri(prefix: string): string;
}

/** Registers before/after hooks in the calling `describe`; read the fields only inside tests. */
export function useServerSuite(options: HarnessOptions = {}): ServerSuite {
  let server: LspHarness | undefined;
  let workspace: Workspace | undefined;
  let counter = 0;
  before(async () => {
    workspace = createWorkspace();
    server = await LspHarness.start(options);
  });
  after(() => {
    server?.kill();
    workspace?.dispose();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the suite's ${what} is not started: use it inside a test`);
    return value;
  };
  return {
    get server() {
      return started(server, 'server');
    },
    get workspace() {
      return started(workspace, 'workspace');
    },
    freshUri: (prefix) => started(workspace, 'workspace').configUri(`${prefix}-${counter++}.distill.yaml`),
  };
}
