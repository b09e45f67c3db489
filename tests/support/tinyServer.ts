/** A tiny node:http server on 127.0.0.1 for cloud fault tests: a handler, a request log, close(). */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface TinyServer {
  url: string;
  host: string;
  /** Every request received, with its Authorization header and body. */
  requests: Array<{ method: string; path: string; authorization?: string; body: string }>;
  close(): Promise<void>;
}

export async function startTinyServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<TinyServer> {
  const requests: TinyServer['requests'] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      requests.push({
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        ...(req.headers.authorization === undefined
          ? {}
          : { authorization: req.headers.authorization }),
        body,
      });
      handler(req, res);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Streams `totalBytes` of filler as a chunked body (no Content-Length), honouring back-pressure,
 * and counts what it managed to write before the client went away.
 */
export function serveHugeBody(
  res: ServerResponse,
  totalBytes: number,
  counter: { written: number },
  contentType = 'application/json',
): void {
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  res.writeHead(200, { 'Content-Type': contentType });
  const pump = () => {
    while (counter.written < totalBytes) {
      if (res.destroyed) return;
      counter.written += chunk.length;
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
    res.end();
  };
  res.on('close', () => res.off('drain', pump));
  pump();
}
