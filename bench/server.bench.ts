/**
 * Language-server latency, measured over stdio exactly as an editor sees it, on each example and on a
 * generated 5,000-line config: time to first diagnostics after didOpen, diagnostics after an edit, completion
 * (median, p95; steady and right after an edit), hover, and server RSS. The baseline, in the same run, is
 * yaml-language-server 1.19.2 validating the same text against the published JSON Schema. A second table puts
 * the diagnostics after an edit on a 5,000-line flow-style config (the examples' `- dense: { ... }` lines) next
 * to a plain `yaml` parseDocument and a `js-yaml` load of the same text, timed in this process in the same run.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
  CompletionRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  type Position,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  type PublishDiagnosticsParams,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import * as jsYaml from 'js-yaml';
import { parseDocument } from 'yaml';
import { SERVER_STATUS_REQUEST, type ServerStatus } from '../src/core/protocol/lsp-messages';
import { fmt, median, percentile, printTable, timeRepeated } from './stats';

const ROOT = path.resolve(__dirname, '..');
const OURS = path.join(ROOT, 'dist', 'server.js');
const YAML_LS = path.join(ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
const SCHEMA = path.join(ROOT, 'schemas', 'distill.schema.json');

/** A generated config of about `lines` lines: a deep block-style teacher, so most of the text is layers. */
function generatedConfig(lines: number): string {
  const head = [
    '# generated for the language-server benchmark',
    'version: 1',
    'data:',
    '  source: iris',
    '  split: { validation: 0.2, test: 0.2, seed: 1 }',
    'teacher:',
    '  layers:',
  ];
  const tail = [
    '    - dense:',
    '        units: 3',
    '        name: teacher_logits',
    'student:',
    '  layers:',
    '    - dense: { units: 8, activation: relu, name: hidden }',
    '    - dense: { units: 3, name: logits }',
    'distillation:',
    '  temperature: 4',
    '  soft_weight: 0.7',
    '  hard_weight: 0.3',
    '  features:',
    '    - { teacher: teacher_7, student: hidden, projection: linear }',
    'training: { epochs: 5, batch_size: 16, early_stopping: { patience: 2 } }',
    'evaluation:',
    '  baseline: true',
    'output: runs',
    '',
  ];
  const body: string[] = [];
  for (let i = 0; body.length + head.length + tail.length < lines; i++) {
    body.push(
      '    - dense:',
      '        units: 16',
      '        activation: relu',
      `        name: teacher_${i}`,
      '    # keeps its width',
    );
  }
  return [...head, ...body, ...tail].join('\n');
}

/** A generated config of about `lines` lines in the examples' flow style: one `- dense: { ... }` layer per line. */
function generatedFlowConfig(lines: number): string {
  const head = ['# generated for the language-server benchmark (flow style)', 'version: 1', 'data:', '  source: iris'];
  const teacher = ['teacher:', '  layers:'];
  const tail = [
    '    - dense: { units: 3, name: teacher_logits }',
    'student:',
    '  layers:',
    '    - dense: { units: 8, activation: relu, name: hidden }',
    '    - dense: { units: 3, name: logits }',
    'distillation:',
    '  temperature: 4',
    '  soft_weight: 0.7',
    '  hard_weight: 0.3',
    'training: { epochs: 5, batch_size: 16, early_stopping: { patience: 2 } }',
    'evaluation: { baseline: true }',
    'output: runs',
    '',
  ];
  const body: string[] = [];
  while (head.length + teacher.length + body.length + tail.length < lines) {
    body.push('    - dense: { units: 8, activation: relu }');
  }
  return [...head, ...teacher, ...body, ...tail].join('\n');
}

/** Cursor positions spread over the document: values after `key: ` and keys being typed at a map's indentation. */
function probePositions(text: string, count: number): Position[] {
  const candidates: Position[] = [];
  text.split('\n').forEach((line, index) => {
    const block = /^(\s*(?:- )?)([\w]+): (\S.*)?$/.exec(line);
    if (!block) return;
    candidates.push({ line: index, character: block[1]!.length + block[2]!.length + 2 });
    candidates.push({ line: index, character: block[1]!.length + 1 });
  });
  const step = Math.max(1, candidates.length / count);
  const picked: Position[] = [];
  for (let i = 0; i < candidates.length && picked.length < count; i += step) picked.push(candidates[Math.floor(i)]!);
  return picked;
}

class Client {
  readonly connection: ProtocolConnection;
  private waiters: { uri: string; resolve: (p: PublishDiagnosticsParams) => void }[] = [];

  private constructor(
    readonly child: ChildProcessWithoutNullStreams,
    settings: unknown,
  ) {
    this.connection = createProtocolConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      const ready = this.waiters.filter((w) => w.uri === p.uri);
      this.waiters = this.waiters.filter((w) => w.uri !== p.uri);
      for (const w of ready) w.resolve(p);
    });
    this.connection.onRequest(ConfigurationRequest.type, (params) =>
      params.items.map((item) => (item.section === 'yaml' ? settings : {})),
    );
    this.connection.onRequest(RegistrationRequest.type, () => undefined);
    this.connection.listen();
  }

  static async start(args: string[], settings: unknown = {}): Promise<Client> {
    const child = spawn(process.execPath, args, { stdio: 'pipe' });
    child.stderr.resume();
    const client = new Client(child, settings);
    await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(ROOT).href,
      capabilities: {
        textDocument: {
          completion: { completionItem: { snippetSupport: true } },
          hover: { contentFormat: ['markdown'] },
        },
        workspace: { configuration: true },
      },
      initializationOptions: { diagnosticsDelayMs: 0 },
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { yaml: settings } });
    return client;
  }

  diagnostics(uri: string): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve) => this.waiters.push({ uri, resolve }));
  }

  async open(uri: string, text: string, languageId: string): Promise<number> {
    const published = this.diagnostics(uri);
    const start = performance.now();
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version: 1, text },
    });
    await published;
    return performance.now() - start;
  }

  async edit(uri: string, version: number, text: string): Promise<number> {
    const published = this.diagnostics(uri);
    const start = performance.now();
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
    await published;
    return performance.now() - start;
  }

  async time(run: () => Promise<unknown>): Promise<number> {
    const start = performance.now();
    await run();
    return performance.now() - start;
  }

  async stop(): Promise<void> {
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    this.connection.dispose();
  }
}

interface Measured {
  open: number[];
  edit: number[];
  completion: number[];
  completionAfterEdit: number[];
  hover: number[];
  rss?: number;
}

async function measure(
  client: Client,
  file: string,
  text: string,
  languageId: string,
  probes: Position[],
  rounds: number,
): Promise<Measured> {
  const result: Measured = { open: [], edit: [], completion: [], completionAfterEdit: [], hover: [] };
  for (let round = 0; round < rounds; round++) {
    const uri = pathToFileURL(file.replace(/\.distill\.yaml$/, `-${round}.distill.yaml`)).href;
    result.open.push(await client.open(uri, text, languageId));
    // Each timed step starts from an idle server: the outline request returns once the last analysis is complete.
    await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
    let version = 1;
    // An edit that changes one value (temperature) and waits for the re-validation.
    result.edit.push(await client.edit(uri, ++version, text.replace('temperature: 4', `temperature: ${5 + round}`)));
    for (const position of probes) {
      result.completion.push(
        await client.time(() =>
          client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position }),
        ),
      );
      result.hover.push(
        await client.time(() => client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position })),
      );
    }
    for (const position of probes.slice(0, Math.ceil(probes.length / 4))) {
      // Typing then asking for completion at once: the new version has not been parsed yet.
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: ++version },
        contentChanges: [{ text: `${text}# ${version}\n` }],
      });
      result.completionAfterEdit.push(
        await client.time(() =>
          client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position }),
        ),
      );
    }
    await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }
  return result;
}

function procRss(pid: number | undefined): number {
  const line =
    readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmRSS:')) ?? '';
  return Number(line.replace(/\D+/g, '')) * 1024;
}

const mb = (bytes: number): string => `${(bytes / 1048576).toFixed(0)} MB`;

async function main(): Promise<void> {
  if (!existsSync(OURS)) throw new Error('dist/server.js is missing: run `npm run build` (npm run bench does).');
  if (!existsSync(YAML_LS))
    throw new Error('yaml-language-server is not installed (npm ci installs it as a dev dependency).');
  if (!existsSync(SCHEMA)) throw new Error('schemas/distill.schema.json is missing: run `npm run schema`.');
  const work = mkdtempSync(path.join(tmpdir(), 'distillery-lsp-bench-'));
  const documents: { name: string; text: string }[] = readdirSync(path.join(ROOT, 'examples'))
    .filter((f) => f.endsWith('.distill.yaml'))
    .sort()
    .map((f) => ({ name: f, text: readFileSync(path.join(ROOT, 'examples', f), 'utf8') }));
  documents.push({ name: 'generated-5000.distill.yaml', text: generatedConfig(5000) });
  const flow = { name: 'generated-flow-5000.distill.yaml', text: generatedFlowConfig(5000) };
  documents.push(flow);
  let flowEdit = Number.NaN;

  const ours = await Client.start([OURS, '--stdio']);
  const schemaUri = pathToFileURL(SCHEMA).href;
  const baseline = await Client.start([YAML_LS, '--stdio'], {
    schemas: { [schemaUri]: '*.distill.yaml' },
    validate: true,
    completion: true,
    hover: true,
    format: { enable: false },
  });
  const rows: string[][] = [];
  try {
    // Warm-up (JIT, module loading, the worker thread), not reported: the first and the largest document once
    // through every measured request, as an editor session would have done before the edits that are timed.
    for (const warm of [documents[0]!, documents[documents.length - 1]!]) {
      const warmFile = path.join(work, `warmup-${warm.name}`);
      writeFileSync(warmFile, warm.text);
      await measure(ours, warmFile, warm.text, 'distill', probePositions(warm.text, 4), 1);
      await measure(baseline, warmFile, warm.text, 'yaml', probePositions(warm.text, 4), 1);
    }
    for (const doc of documents) {
      const lines = doc.text.split('\n').length;
      const big = lines > 1000;
      const file = path.join(work, doc.name);
      writeFileSync(file, doc.text);
      const probes = probePositions(doc.text, big ? 60 : 30);
      const mine = await measure(ours, file, doc.text, 'distill', probes, big ? 6 : 5);
      const status: ServerStatus = await ours.connection.sendRequest(SERVER_STATUS_REQUEST);
      // The baseline re-parses per request (~0.5 s each on the big file): fewer probes keep the run short.
      const theirs = await measure(baseline, file, doc.text, 'yaml', big ? probes.slice(0, 12) : probes, big ? 1 : 3);
      const row = (who: string, m: Measured, rss: number): string[] => [
        doc.name.replace('.distill.yaml', ''),
        String(lines),
        who,
        fmt(median(m.open)),
        fmt(median(m.edit)),
        fmt(median(m.completion)),
        fmt(percentile(m.completion, 95)),
        fmt(percentile(m.completionAfterEdit, 95)),
        fmt(median(m.hover)),
        mb(rss),
      ];
      rows.push(row('distillery', mine, status.rss));
      if (doc === flow) flowEdit = median(mine.edit);
      rows.push(row('yaml-language-server 1.19.2 (baseline)', theirs, procRss(baseline.child.pid)));
    }
  } finally {
    await Promise.allSettled([ours.stop(), baseline.stop()]);
    rmSync(work, { recursive: true, force: true });
  }
  printTable(
    [
      'document',
      'lines',
      'server',
      'first diagnostics',
      'diagnostics after edit',
      'completion median',
      'completion p95',
      'p95 right after edit',
      'hover median',
      'RSS',
    ],
    rows,
  );
  // The parsers alone on the same flow-style text, in this process: what a parse costs before any checking.
  const yamlParse = timeRepeated(() => parseDocument(flow.text, { prettyErrors: false, version: '1.2' }), 10);
  const jsYamlLoad = timeRepeated(() => jsYaml.load(flow.text), 10);
  process.stdout.write('\n');
  printTable(
    ['5,000-line flow-style config', 'median'],
    [
      ['distillery: diagnostics after an edit (no debounce)', fmt(flowEdit)],
      ['yaml parseDocument alone', fmt(median(yamlParse))],
      ['js-yaml load alone', fmt(median(jsYamlLoad))],
    ],
  );
  process.stdout.write(
    'Goal (issue #14): diagnostics after an edit under 100 ms (after the debounce) on that config.\n',
  );
  process.stdout.write('Goals (issue #3): completion p95 < 15 ms and diagnostics < 100 ms on the 5,000-line config.\n');
  process.stdout.write(
    'yaml-language-server waits 200 ms after open/change before validating; its diagnostics columns include that delay.\n',
  );
  // Shared machines skew every column; the load says how much to trust absolute numbers (the ratios hold better).
  process.stdout.write(
    `Load average during the run: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${cpus().length} cores.\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
