/**
 * The local web host: serves the built renderer and `POST /api/<channel>` to core's dispatch,
 * on 127.0.0.1 only. Requests whose Host or Origin is not this server are refused, so a web page
 * in the user's browser cannot drive the API (DNS rebinding, cross-site POSTs).
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { CHANNEL_NAMES, events as eventSchemas, type EventName } from '../../src-shared/contract/channels';
import type { DispatchResult } from '../../src-shared/contract/errors';
import { APP_CSP, contentTypeOf } from '../core/app-content';
import { createDispatch } from '../core/dispatch';
import type { HostServices } from '../core/host-services';
import type { Workspace } from '../core/workspace/open-workspace';

export interface WebHostOptions {
  workspace: Workspace;
  /** What the web host can do for core: print PDFs with headless Chromium. */
  host?: HostServices;
  staticDir: string;
  port: number;
  bindAddress?: string;
  /** Largest request body accepted; a 100,000-cell paste is about 10 MB of JSON. */
  maxBodyBytes?: number;
}

const STATUS_BY_CODE: Record<string, number> = {
  INVALID_INPUT: 400,
  INVALID_CELLS: 422,
  UNKNOWN_CHANNEL: 404,
  NOT_FOUND: 404,
  FORBIDDEN: 403,
};

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

function refuse(res: http.ServerResponse, status: number, message: string): void {
  sendJson(res, status, { ok: false, error: { code: 'FORBIDDEN', message } } satisfies DispatchResult<never>);
}

function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function createWebHost(options: WebHostOptions): http.Server {
  const { workspace, staticDir } = options;
  const bindHost = options.bindAddress ?? '127.0.0.1';
  const maxBody = options.maxBodyBytes ?? 64 * 1024 * 1024;
  const dispatch = createDispatch(workspace, options.host);
  const staticRoot = path.resolve(staticDir);

  const server = http.createServer(async (req, res) => {
    const port = (server.address() as { port: number } | null)?.port;
    const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
    const allowedOrigins = new Set([...allowedHosts].map((h) => `http://${h}`));
    if (!req.headers.host || !allowedHosts.has(req.headers.host)) return refuse(res, 403, 'Foreign Host header refused');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin)) return refuse(res, 403, 'Foreign Origin refused');

    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const pathname = decodeURIComponent(url.pathname);

    if (pathname === '/api' || pathname === '/api/') {
      if (req.method !== 'GET') return sendJson(res, 405, { ok: false, error: { code: 'INVALID_INPUT', message: 'GET only' } });
      return sendJson(res, 200, CHANNEL_NAMES);
    }
    if (pathname === '/api/events' && req.method === 'GET') return streamEvents(req, res);
    if (pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'INVALID_INPUT', message: 'POST only' } });
      const channel = pathname.slice('/api/'.length);
      let input: unknown;
      try {
        const body = await readBody(req, maxBody);
        input = body.trim() === '' ? {} : JSON.parse(body);
      } catch (error) {
        return sendJson(res, 400, { ok: false, error: { code: 'INVALID_INPUT', message: `Unreadable request body: ${(error as Error).message}` } });
      }
      const result = await dispatch(channel, input);
      return sendJson(res, result.ok ? 200 : (STATUS_BY_CODE[result.error.code] ?? 500), result);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed');
    serveStatic(pathname, res);
  });

  /** Server-sent events: the web host's counterpart of the Electron bridge's `on`. */
  function streamEvents(req: http.IncomingMessage, res: http.ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    const unsubscribes = (Object.keys(eventSchemas) as EventName[]).map((name) =>
      workspace.events.on(name, (payload) => res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`)),
    );
    req.on('close', () => unsubscribes.forEach((off) => off()));
  }

  function serveStatic(pathname: string, res: http.ServerResponse): void {
    let file = path.resolve(staticRoot, '.' + (pathname === '/' ? '/index.html' : pathname));
    if (!file.startsWith(staticRoot + path.sep)) return refuse(res, 403, 'Outside the app');
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      // Client-side routes fall back to the app shell; missing assets are 404s.
      if (path.extname(pathname) !== '') {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
        return void res.end('Not found');
      }
      file = path.join(staticRoot, 'index.html');
    }
    // The file can vanish between the check and the read (a rebuild empties out/): answer 503
    // instead of letting the stream's error take the whole host down.
    const stream = fs.createReadStream(file);
    stream.once('open', () => {
      res.writeHead(200, {
        'Content-Type': contentTypeOf(file),
        'Content-Security-Policy': APP_CSP,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'public, max-age=3600',
      });
      stream.pipe(res);
    });
    stream.once('error', () => {
      if (res.headersSent) return void res.destroy();
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '2' });
      res.end('The app is being rebuilt; reload in a moment');
    });
  }

  server.listen(options.port, bindHost);
  return server;
}
