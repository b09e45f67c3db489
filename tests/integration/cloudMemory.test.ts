/**
 * A 100 MB answer must not cost memory: the client's real HTTP exchange runs in a child process
 * that reports its own resident memory (process.memoryUsage().rss) while it reads the answer.
 *
 * Node 20 cannot import TypeScript in a child process, so the test transpiles http.ts and the
 * two shared modules it imports with the TypeScript compiler into a temp folder of .mjs files
 * (imports rewritten to .mjs); the child runs that exact code.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';
import { MAX_RESPONSE_BYTES } from '../../src-main/cloud/http';
import { serveHugeBody, startTinyServer, type TinyServer } from '../support/tinyServer';

const root = resolve(import.meta.dirname, '../..');
const SOURCES = ['src-shared/ipc/errors.ts', 'src-shared/redact.ts', 'src-main/cloud/http.ts'];
const HUNDRED_MB = 100 * 1024 * 1024;
// Far below the ~200 MB that reading the whole answer costs, far above undici's own buffers.
const MAX_GROWTH_BYTES = 40 * 1024 * 1024;

let work: string;
let server: TinyServer;
const sent = { written: 0 };

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'onboarder-cloud-mem-'));
  for (const file of SOURCES) {
    const { outputText } = ts.transpileModule(readFileSync(join(root, file), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    const target = join(work, file.replace(/\.ts$/, '.mjs'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText.replace(/(from\s+['"]\.{1,2}\/[^'"]+)(['"])/g, '$1.mjs$2'));
  }
  server = await startTinyServer((req, res) => {
    if (req.url === '/small') {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
      return;
    }
    serveHugeBody(res, HUNDRED_MB, sent);
  });
});

afterAll(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

function runChild(): Promise<{ code: string; baselineRss: number; peakRss: number }> {
  return new Promise((done, reject) => {
    const child = spawn(
      process.execPath,
      [
        join(root, 'tests/support/cloud/readHuge.mjs'),
        join(work, 'src-main/cloud/http.mjs'),
        server.url,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (status) => {
      if (status !== 0) reject(new Error(`child exited ${status}: ${err}`));
      else done(JSON.parse(out) as { code: string; baselineRss: number; peakRss: number });
    });
  });
}

describe('a 100 MB answer, in a child process', () => {
  it('ends with RESPONSE_TOO_LARGE and the process memory barely moves', async () => {
    const report = await runChild();
    const growth = report.peakRss - report.baselineRss;
    console.info(
      `cloudMemory: ${report.code}, baseline ${mb(report.baselineRss)}, peak ${mb(report.peakRss)}, growth ${mb(growth)} (bound ${MAX_RESPONSE_BYTES / 1024} KiB)`,
    );
    expect(report.code).toBe('RESPONSE_TOO_LARGE');
    expect(growth).toBeLessThan(MAX_GROWTH_BYTES);
    expect(sent.written).toBeLessThan(HUNDRED_MB / 2);
  });
});

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
