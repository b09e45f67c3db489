// Child process for tests/integration/cloudMemory.test.ts. Runs the client's real HTTP exchange
// (src-main/cloud/http.ts, transpiled by the test and passed in as argv[2]) against the test's
// server: one small answer to warm up, then a huge one, sampling its own resident memory while
// it reads. Prints one JSON line. Plain JS so Node 20 runs it without a TS loader.
import { pathToFileURL } from 'node:url';

const [modulePath, baseUrl] = process.argv.slice(2);
const { sendOnce } = await import(pathToFileURL(modulePath).href);
const apiKey = '0a1b2c3d4e5f60718293a4b5c6d7e8f901234567';
const send = (path) =>
  sendOnce({
    fetch: globalThis.fetch,
    method: 'GET',
    url: `${baseUrl}${path}`,
    apiKey,
    timeoutMs: 60_000,
  });

await send('/small');
const baselineRss = process.memoryUsage().rss;
let peakRss = baselineRss;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const timer = setInterval(sample, 2);
let code = 'NONE';
try {
  const answer = await send('/huge');
  code = `READ_${answer.text.length}`;
} catch (error) {
  code = error?.code ?? String(error);
}
sample();
clearInterval(timer);
process.stdout.write(`${JSON.stringify({ code, baselineRss, peakRss })}\n`);
