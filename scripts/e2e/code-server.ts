/**
 * Starts and stops one code-server instance (a real VS Code 1.100 build from the npm registry) bound to
 * 127.0.0.1, with its user data, extensions and HOME inside a throw-away folder so nothing leaks into ~/.config.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';
export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const CODE_SERVER_PREFIX = path.join(REPO_ROOT, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
export const CODE_SERVER_BIN = path.join(CODE_SERVER_PREFIX, 'node_modules', '.bin', 'code-server');

export interface CodeServerOptions {
  /** Folder for user data, extensions, HOME and logs of this instance. */
  readonly stateDir: string;
  /** false starts it with Workspace Trust on, so an unknown folder opens in Restricted Mode. */
  readonly disableWorkspaceTrust: boolean;
  /** User settings written before start. */
  readonly userSettings?: Readonly<Record<string, unknown>>;
  readonly env?: NodeJS.ProcessEnv;
}

export interface RunningCodeServer {
  readonly port: number;
  readonly url: string;
  readonly logFile: string;
  stop(): Promise<void>;
}

export function isCodeServerInstalled(): boolean {
  return fs.existsSync(path.join(CODE_SERVER_PREFIX, '.installed')) && fs.existsSync(CODE_SERVER_BIN);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, deadlineMs: number, logFile: string): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`code-server exited with code ${child.exitCode} before answering; log:\n${tail(logFile)}`);
    }
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer /healthz within ${deadlineMs / 1000} s; log:\n${tail(logFile)}`);
}

export function tail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  if (!isCodeServerInstalled()) {
    throw new Error(
      `code-server ${CODE_SERVER_VERSION} is not installed in ${CODE_SERVER_PREFIX}: run scripts/e2e/install-code-server.sh`,
    );
  }
  const dir = options.stateDir;
  for (const sub of ['ud/User', 'exts', 'home', 'config', 'data'])
    fs.mkdirSync(path.join(dir, sub), { recursive: true });
  fs.writeFileSync(path.join(dir, 'ud', 'User', 'settings.json'), JSON.stringify(options.userSettings ?? {}, null, 2));
  fs.writeFileSync(path.join(dir, 'config.yaml'), 'auth: none\ncert: false\n');
  const port = await freePort();
  const logFile = path.join(dir, 'code-server.log');
  const log = fs.openSync(logFile, 'w');
  const args = [
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--user-data-dir',
    path.join(dir, 'ud'),
    '--extensions-dir',
    path.join(dir, 'exts'),
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--config',
    path.join(dir, 'config.yaml'),
  ];
  if (options.disableWorkspaceTrust) args.push('--disable-workspace-trust');
  const child = spawn(CODE_SERVER_BIN, args, {
    cwd: dir,
    env: {
      ...process.env,
      HOME: path.join(dir, 'home'),
      XDG_CONFIG_HOME: path.join(dir, 'config'),
      XDG_DATA_HOME: path.join(dir, 'data'),
      ...options.env,
    },
    stdio: ['ignore', log, log],
    // Its own process group, so stopping it also ends the extension host and language server it started.
    detached: true,
  });
  fs.closeSync(log);
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    const timer = setTimeout(() => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, 5000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitForHealth(url, child, 60_000, logFile);
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, url, logFile, stop };
}
