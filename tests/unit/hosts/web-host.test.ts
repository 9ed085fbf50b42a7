import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src-main/core/workspace/open-workspace';
import { createWebHost } from '../../../src-main/web/server';
import { CHANNEL_NAMES } from '../../../src-shared/contract/channels';
import { openSampleWorkspace, tempDir } from '../helpers/workspace';

let ws: Workspace | undefined;
let server: http.Server | undefined;
afterEach(async () => {
  if (server) await new Promise((resolve) => server!.close(resolve));
  await ws?.close();
  ws = undefined;
  server = undefined;
});

async function start() {
  ws = await openSampleWorkspace();
  const staticDir = tempDir();
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  server = createWebHost({ workspace: ws, staticDir, port: 0 });
  await new Promise<void>((resolve) => server!.once('listening', () => resolve()));
  return (server.address() as AddressInfo).port;
}

/** What the renderer sends with every API call (src-renderer/api/client.ts). */
const APP = { 'X-PlanDesk': '1' };

/** A raw request, so Host and Origin can be set as a foreign page or a rebinding attack would. */
function request(port: number, method: string, urlPath: string, headers: Record<string, string> = {}, body?: string) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: urlPath, headers }, (res) => {
      let data = '';
      res.on('data', (chunk) => (data += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data }));
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

describe('web host', () => {
  it('lists the channel names and dispatches POST /api/<channel>', async () => {
    const port = await start();
    const list = await request(port, 'GET', '/api');
    expect(JSON.parse(list.body)).toEqual(CHANNEL_NAMES);
    const info = await request(port, 'POST', '/api/workspace/get-info', { ...APP, 'Content-Type': 'application/json' }, '{}');
    expect(info.status).toBe(200);
    expect(JSON.parse(info.body)).toMatchObject({ ok: true, data: { organisationName: '江城市分公司' } });
  });

  it('answers errors as { code, message, details } with a fitting status', async () => {
    const port = await start();
    const unknown = await request(port, 'POST', '/api/nothing/here', APP, '{}');
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).error.code).toBe('UNKNOWN_CHANNEL');
    const bad = await request(
      port,
      'POST',
      '/api/targets/save-cells',
      APP,
      JSON.stringify({ year: 2026, changes: [{ metricId: 'm-revenue', subjectId: 'x', measure: 'basic', text: 'abc' }] }),
    );
    expect(bad.status).toBe(422);
    expect(JSON.parse(bad.body).error).toMatchObject({ code: 'INVALID_CELLS', details: { refusals: [{ index: 0, reason: 'unknown-subject' }] } });
    const broken = await request(port, 'POST', '/api/workspace/get-info', APP, '{not json');
    expect(broken.status).toBe(400);
  });

  it('refuses foreign Host and Origin headers', async () => {
    const port = await start();
    expect((await request(port, 'GET', '/api', { Host: 'evil.example' })).status).toBe(403);
    expect((await request(port, 'POST', '/api/workspace/get-info', { Origin: 'http://evil.example' }, '{}')).status).toBe(403);
    expect((await request(port, 'POST', '/api/workspace/get-info', { Origin: `http://localhost:${port}` }, '{}')).status).toBe(200);
  });

  it('serves the app shell as text/html with a CSP, and nothing outside it', async () => {
    const port = await start();
    const index = await request(port, 'GET', '/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toContain('text/html');
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    const traversal = await request(port, 'GET', '/%2e%2e/%2e%2e/etc/passwd');
    expect(traversal.body).not.toContain('root:');
    const encodedSlash = await request(port, 'GET', '/..%2f..%2f..%2fetc%2fhosts.txt');
    expect(encodedSlash.status).toBeGreaterThanOrEqual(403);
    expect((await request(port, 'GET', '/missing.js')).status).toBe(404);
  });
});
