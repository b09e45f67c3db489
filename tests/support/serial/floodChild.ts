/**
 * Runs in a child process (bundled by the fault test): opens an AtSession on a pty with the app's
 * bounded transcript store, sends one command, keeps the port open a while longer (the device may
 * go on flooding), and prints one JSON line with how the command ended and the highest resident
 * set size seen, so the memory bound is measured in a process that does nothing else.
 * argv: <bindings-cpp module URL> <pty path> <command> <ms to stay open afterwards>
 */
import { AtSession } from '../../../src-main/serial/atSession';
import type { SerialBinding } from '../../../src-main/serial/bindingTypes';
import { createTranscriptStore } from '../../../src-main/serial/transcriptStore';

const [bindingsUrl, path, command, linger] = process.argv.slice(2);

async function main(): Promise<void> {
  if (bindingsUrl === undefined || path === undefined || command === undefined)
    throw new Error('usage: floodChild <bindings-cpp URL> <pty path> <command> [linger ms]');
  // bindings-cpp is CommonJS: its exports arrive as named exports or under `default`.
  const bindings = (await import(bindingsUrl)) as {
    autoDetect?: () => unknown;
    default?: { autoDetect: () => unknown };
  };
  const autoDetect = bindings.autoDetect ?? bindings.default?.autoDetect;
  if (autoDetect === undefined) throw new Error('no autoDetect in @serialport/bindings-cpp');
  const binding = autoDetect() as SerialBinding;
  let peakRss = process.memoryUsage().rss;
  const sample = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 10);
  const transcript = createTranscriptStore();
  const session = await AtSession.open({ path, binding, transcript: (e) => transcript.record(e) });
  const started = performance.now();
  const outcome = await session.send(command).then(
    (reply) => ({ ok: true, lines: reply.lines.length }),
    (err: unknown) => {
      const e = err as { code?: string; message?: string; detail?: string };
      // A detail can hold the whole reply: the parent needs its start only.
      return { ok: false, code: e.code, message: e.message, detail: e.detail?.slice(0, 200) };
    },
  );
  const elapsedMs = Math.round(performance.now() - started);
  await new Promise((resolve) => setTimeout(resolve, Number(linger ?? 0)));
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  clearInterval(sample);
  const entries = transcript.entries();
  const transcriptChars = entries.reduce((sum, e) => sum + e.text.length, 0);
  await session.close();
  process.stdout.write(
    `${JSON.stringify({ ...outcome, elapsedMs, peakRss, transcriptChars, transcriptEntries: entries.length })}\n`,
  );
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${String(err)}\n`);
    process.exit(1);
  },
);
