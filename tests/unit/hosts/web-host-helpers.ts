/**
 * A real web host on port 0 over a real sample workspace, and raw HTTP to it: requests are written
 * byte for byte where a browser or `fetch` would refuse to send them (a bad escape, two Host
 * headers, half a request), so what reaches the server is exactly what a hostile client sends.
 */
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { Workspace } from '../../../src-main/core/workspace/open-workspace';
import { createWebHost, type WebHostOptions } from '../../../src-main/web/server';
import { openSampleWorkspace, tempDir } from '../helpers/workspace';

/** What the renderer sends with every API call (src-renderer/api/client.ts). */
export const API_HEADERS = { 'Content-Type': 'application/json', 'X-PlanDesk': '1' };

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RunningHost {
  ws: Workspace;
  server: http.Server;
  port: number;
}

/** For a test file, called once at its top: starts hosts and stops each (and its workspace) after its test. */
export function webHostPerTest(): (options?: Partial<Omit<WebHostOptions, 'workspace' | 'staticDir' | 'port'>>) => Promise<RunningHost> {
  const started: RunningHost[] = [];
  afterEach(async () => {
    for (const { ws, server } of started.splice(0)) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await ws.close();
    }
  });
  return async (options = {}) => {
    const ws = await openSampleWorkspace();
    const staticDir = tempDir();
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
    const server = createWebHost({ ...options, workspace: ws, staticDir, port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const running = { ws, server, port: (server.address() as net.AddressInfo).port };
    started.push(running);
    return running;
  };
}

/** A request through Node's client (which still lets Host and Origin be set as a foreign page would). */
export function request(port: number, method: string, urlPath: string, headers: Record<string, string | number> = {}, body?: string | Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: urlPath, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** A POST to a channel with the app's headers and a JSON body. */
export async function callApi(
  port: number,
  channel: string,
  input: unknown,
): Promise<Answer & { json: { ok: boolean; data?: unknown; error?: { code: string; message: string; details?: unknown } } }> {
  const answer = await request(port, 'POST', `/api/${channel}`, API_HEADERS, JSON.stringify(input));
  return { ...answer, json: JSON.parse(answer.body) };
}

/**
 * Bytes written to a socket as they are; resolves with everything the server sent until it closed
 * the connection (or `waitMs` passed, then resolves with what came so far and `closed: false`).
 */
export function rawExchange(port: number, bytes: string | Buffer, waitMs = 5_000): Promise<{ text: string; closed: boolean; afterMs: number }> {
  return new Promise((resolve, reject) => {
    const startedAt = Date.now();
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ text: Buffer.concat(chunks).toString('utf8'), closed: false, afterMs: Date.now() - startedAt });
    }, waitMs);
    socket.on('connect', () => socket.write(bytes));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text: Buffer.concat(chunks).toString('utf8'), closed: true, afterMs: Date.now() - startedAt });
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // A reset after the server answered still counts as an answer.
      if (error.code !== 'ECONNRESET') reject(error);
    });
  });
}

/** The status code of a raw HTTP answer (0 when there was none). */
export function statusOf(raw: string): number {
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(raw);
  return match ? Number(match[1]) : 0;
}
