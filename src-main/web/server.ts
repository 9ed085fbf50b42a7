/**
 * The local web host: serves the built renderer and `POST /api/<channel>` to core's dispatch,
 * on 127.0.0.1 only. Requests whose Host or Origin is not this server are refused, so a web page
 * in the user's browser cannot drive the API (DNS rebinding, cross-site POSTs).
 *
 * Nothing a client sends can take the host down: a target that is not a path, two Host headers,
 * a body over its limit and a client too slow to finish its request are each answered (400, 413,
 * 408) and every error inside a handler becomes a 500 in the contract's envelope.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { CHANNEL_NAMES, events as eventSchemas, type EventName } from '../../src-shared/contract/channels';
import { APP_CSP, contentTypeOf } from '../core/app-content';
import { createDispatch } from '../core/dispatch';
import type { HostServices } from '../core/host-services';
import type { Workspace } from '../core/workspace/open-workspace';
import { BodyTooLargeError, STATUS_BY_CODE, hostHeaderCount, pathOfTarget, readBody, sendError, sendJson } from './http-answers';

const MiB = 1024 * 1024;

/**
 * The largest body of an ordinary channel: a 100,000-cell paste into 年度目标 is 9 MB of JSON,
 * screening's largest save (100,000 scores) 6 MB, every other input a few kilobytes.
 */
export const DEFAULT_BODY_LIMIT = 16 * MiB;
/**
 * The channels whose contract accepts more: an XLSX import carries its file as base64, up to
 * 40,000,000 characters (a 30 MB file), and targets/save-cells up to 500,000 changes (45 MB).
 */
export const BULK_BODY_LIMIT = 48 * MiB;
const BULK_CHANNELS: ReadonlySet<string> = new Set(['strategy/import-xlsx', 'targets/save-cells']);

/**
 * How long a client may take. Headers come from a local browser in milliseconds, so 10 s only
 * ever cuts off a client that sends them a byte at a time (slowloris); the whole request, a 48 MB
 * import included, crosses the loopback in well under a second, so 120 s is for a machine under
 * load, not a normal wait. An idle keep-alive connection is dropped after 5 s (Node's default,
 * set here so it stays deliberate), which browsers expect and reconnect from. The event stream is
 * a response, not a request, so none of these ends it.
 */
export const DEFAULT_TIMEOUTS = { headersMs: 10_000, requestMs: 120_000, keepAliveMs: 5_000 };
/** How often Node looks for requests over their time; its default (30 s) would let a stalled one live 40 s. */
const TIMEOUT_CHECK_MS = 1_000;

/** The header the app sends with every API call; a page of another site cannot send it without a CORS preflight this host never approves. */
export const APP_HEADER = 'x-plandesk';

export interface WebHostOptions {
  workspace: Workspace;
  /** What the web host can do for core: print PDFs with headless Chromium. */
  host?: HostServices;
  staticDir: string;
  port: number;
  bindAddress?: string;
  /** Largest request body of an ordinary channel (DEFAULT_BODY_LIMIT). */
  maxBodyBytes?: number;
  /** Largest request body of an import or a bulk save (BULK_BODY_LIMIT). */
  maxBulkBodyBytes?: number;
  timeouts?: Partial<typeof DEFAULT_TIMEOUTS>;
}

export function createWebHost(options: WebHostOptions): http.Server {
  const { workspace, staticDir } = options;
  const bindHost = options.bindAddress ?? '127.0.0.1';
  const bodyLimit = options.maxBodyBytes ?? DEFAULT_BODY_LIMIT;
  const bulkBodyLimit = options.maxBulkBodyBytes ?? BULK_BODY_LIMIT;
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const dispatch = createDispatch(workspace, options.host);
  const staticRoot = path.resolve(staticDir);

  const server = http.createServer({
    headersTimeout: timeouts.headersMs,
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    connectionsCheckingInterval: Math.min(TIMEOUT_CHECK_MS, timeouts.headersMs),
  });
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    handle(req, res).catch((error: unknown) => answerFailure(res, error));
  });

  /** The last word on an error no route caught: logged, answered as INTERNAL, never thrown on. */
  function answerFailure(res: http.ServerResponse, error: unknown): void {
    workspace.ctx.log('error', 'web host: request failed', error);
    if (res.headersSent) return void res.destroy();
    const message = error instanceof Error ? error.message : String(error);
    sendError(res, 500, 'INTERNAL', `服务器内部错误 / Internal error: ${message}`);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const port = (server.address() as { port: number } | null)?.port;
    const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
    const allowedOrigins = new Set([...allowedHosts].map((h) => `http://${h}`));
    if (hostHeaderCount(req) > 1) return sendError(res, 400, 'INVALID_INPUT', '请求带有多个 Host 头 / More than one Host header');
    if (!req.headers.host || !allowedHosts.has(req.headers.host)) return sendError(res, 403, 'FORBIDDEN', '外部 Host 头被拒绝 / Foreign Host header refused');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin)) return sendError(res, 403, 'FORBIDDEN', '外部 Origin 被拒绝 / Foreign Origin refused');

    const pathname = pathOfTarget(req.url);
    if (pathname === null) return sendError(res, 400, 'INVALID_INPUT', `请求地址无法解析 / The request target cannot be parsed: ${JSON.stringify(req.url)}`);

    if (pathname === '/api' || pathname === '/api/') {
      if (req.method !== 'GET') return sendError(res, 405, 'INVALID_INPUT', '只接受 GET / GET only');
      return sendJson(res, 200, CHANNEL_NAMES);
    }
    if (pathname === '/api/events' && req.method === 'GET') return streamEvents(workspace, req, res);
    if (pathname.startsWith('/api/')) return callChannel(req, res, pathname.slice('/api/'.length), origin);
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'FORBIDDEN', '不支持的请求方法 / Method not allowed');
    serveStatic(staticRoot, pathname, res);
  }

  async function callChannel(req: http.IncomingMessage, res: http.ServerResponse, channel: string, origin: string | undefined): Promise<void> {
    if (req.method !== 'POST') return sendError(res, 405, 'INVALID_INPUT', '只接受 POST / POST only');
    // A same-origin Origin (every browser sends one with a POST) or the app's header: a request
    // with neither comes from a client that is not the app, and may not write.
    if (origin === undefined && req.headers[APP_HEADER] !== '1') {
      return sendError(res, 403, 'FORBIDDEN', `请求缺少 X-PlanDesk 头 / Missing the X-PlanDesk: 1 header`);
    }
    let input: unknown;
    try {
      const body = await readBody(req, BULK_CHANNELS.has(channel) ? Math.max(bodyLimit, bulkBodyLimit) : bodyLimit);
      input = body.trim() === '' ? {} : JSON.parse(body);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        // Connection: close, so the rest of an oversized body is not read as the next request.
        return sendError(res, 413, 'INVALID_INPUT', `请求内容过大 / Request body over ${error.limit} bytes`, { limit: error.limit }, { Connection: 'close' });
      }
      return sendError(res, 400, 'INVALID_INPUT', `请求内容无法读取 / Unreadable request body: ${(error as Error).message}`);
    }
    const result = await dispatch(channel, input);
    return sendJson(res, result.ok ? 200 : STATUS_BY_CODE[result.error.code], result);
  }

  server.listen(options.port, bindHost);
  return server;
}

/** Server-sent events: the web host's counterpart of the Electron bridge's `on`. */
function streamEvents(workspace: Workspace, req: http.IncomingMessage, res: http.ServerResponse): void {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
  res.write(': connected\n\n');
  const unsubscribes = (Object.keys(eventSchemas) as EventName[]).map((name) =>
    workspace.events.on(name, (payload) => res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`)),
  );
  req.on('close', () => unsubscribes.forEach((off) => off()));
}

function serveStatic(staticRoot: string, pathname: string, res: http.ServerResponse): void {
  let file = path.resolve(staticRoot, '.' + (pathname === '/' ? '/index.html' : pathname));
  if (!file.startsWith(staticRoot + path.sep)) return sendError(res, 403, 'FORBIDDEN', '不在应用目录内 / Outside the app');
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
