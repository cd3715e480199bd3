/**
 * Issue 15 rows 6 and 14, through the built server over stdio: positions far past the document (line 1e9,
 * 2^32) are clamped, so completion, hover and definition answer as at the document's end instead of walking
 * billions of lines; and a client that breaks the base protocol's framing (non-numeric or missing
 * Content-Length, a length past the body, binary garbage, a body that is not JSON) gets a logged error and
 * a server that exits with code 1, so the client restarts it, instead of one that never answers again.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  CompletionRequest,
  DefinitionRequest,
  HoverRequest,
  type CompletionItem,
  type CompletionList,
} from 'vscode-languageserver-protocol/node';
import { IRIS_CONFIG } from './fixtures';
import { useServerSuite } from './server-suite';
import { SERVER_BUNDLE } from './lsp-harness';

const labels = (result: CompletionList | CompletionItem[] | null): string[] =>
  (Array.isArray(result) ? result : (result?.items ?? [])).map((item) => item.label).sort();

void describe('positions past the document', () => {
  const suite = useServerSuite();

  // Unclamped, line 2^32 kept the server busy for over 120 s: the timeout turns that into a failure.
  void it(
    'answers completion, hover and definition at line 1e9 and 2^32 as at the end of the text',
    { timeout: 30_000 },
    async () => {
      const uri = suite.workspace.configUri('far.distill.yaml');
      const text = `${IRIS_CONFIG.trimEnd()}\n`;
      await suite.server.open(uri, text);
      const lines = text.split('\n');
      const end = { line: lines.length - 1, character: lines[lines.length - 1]!.length };
      const ask = async (position: { line: number; character: number }): Promise<unknown> => ({
        completion: labels(
          await suite.server.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position }),
        ),
        hover: await suite.server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }),
        definition: await suite.server.connection.sendRequest(DefinitionRequest.type, {
          textDocument: { uri },
          position,
        }),
      });
      const atEnd = (await ask(end)) as { completion: string[] };
      assert.ok(
        atEnd.completion.length > 0,
        'completion at the end offers nothing: the comparison would prove nothing',
      );
      for (const line of [1e9, 2 ** 32, 2 ** 53]) {
        assert.deepEqual(await ask({ line, character: line }), atEnd, `requests at line ${line}`);
      }
    },
  );
});

interface Exit {
  readonly code: number | null;
  readonly stderr: string;
}

/** Starts the server, writes `bytes` to its stdin as they are (stdin stays open), and waits for it to exit. */
function exitAfter(bytes: Buffer | string): Promise<Exit> {
  assert.ok(existsSync(SERVER_BUNDLE), `${SERVER_BUNDLE} is missing: run \`npm run build\` first`);
  const child = spawn(process.execPath, [SERVER_BUNDLE, '--stdio'], { stdio: 'pipe' });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.resume();
  child.stdin.write(bytes);
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
}

const framed = (body: string): string => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { processId: null, rootUri: null, capabilities: {} },
});

const BROKEN_STREAMS: { name: string; bytes: Buffer | string; logged: RegExp }[] = [
  {
    name: 'a non-numeric Content-Length',
    bytes: 'Content-Length: abc\r\n\r\n{}',
    logged: /Content-Length is not a number/,
  },
  { name: 'a Content-Length with trailing text', bytes: 'Content-Length: 2x\r\n\r\n{}', logged: /not a number/ },
  { name: 'no Content-Length', bytes: 'Content-Type: application/json\r\n\r\n{}', logged: /no Content-Length/ },
  {
    name: 'a Content-Length past the body',
    bytes: `Content-Length: 5000\r\n\r\n${INITIALIZE}`,
    logged: /bytes shorter than its Content-Length/,
  },
  { name: 'binary garbage', bytes: randomBytes(16 * 1024), logged: /unreadable input/ },
  { name: 'a body that is not JSON', bytes: framed('{"jsonrpc": "2.0", "id": 1,'), logged: /not JSON/ },
  {
    name: 'a valid message, then garbage',
    bytes: `${framed(INITIALIZE)}\u0000\u0001garbage: yes\r\n\r\n`,
    logged: /malformed header line/,
  },
];

void describe('broken framing on stdin', () => {
  for (const broken of BROKEN_STREAMS) {
    void it(`logs ${broken.name} and exits with code 1`, { timeout: 20_000 }, async () => {
      const { code, stderr } = await exitAfter(broken.bytes);
      assert.equal(code, 1, `exit code (stderr: ${stderr})`);
      assert.match(stderr, broken.logged);
      assert.match(stderr, /distillery language server: unreadable input/);
    });
  }
});
