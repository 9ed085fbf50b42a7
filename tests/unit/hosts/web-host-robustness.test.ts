/**
 * The web host answers whatever arrives: malformed targets and Host headers get 400, bodies over
 * their limit 413, slow clients 408 or a closed connection, a failing handler a 500 in the
 * contract's envelope, a write without the app's header or a same-origin Origin 403, and each
 * business refusal its own 4xx; in every case the host goes on serving.
 */
import { describe, expect, it } from 'vitest';
import { BULK_BODY_LIMIT, DEFAULT_BODY_LIMIT, DEFAULT_TIMEOUTS } from '../../../src-main/web/server';
import { API_HEADERS, callApi, rawExchange, request, statusOf, webHostPerTest } from './web-host-helpers';

const startHost = webHostPerTest();

const get = (port: number, target: string, extra = '') => `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${extra}Connection: close\r\n\r\n`;

async function stillServing(port: number): Promise<void> {
  expect((await request(port, 'GET', '/api')).status).toBe(200);
}

describe('request targets and headers', () => {
  it('answers malformed escapes and targets that are not a path with 400 in the envelope', async () => {
    const { port } = await startHost();
    for (const target of ['/%', '/%E0%A4%A', '/%zz', '/api/%zz', '/api/targets%2', '/%00', '/index.html%00.js', '*', 'http://127.0.0.1/']) {
      const raw = await rawExchange(port, get(port, target));
      expect(statusOf(raw.text), target).toBe(400);
      expect(raw.text, target).toContain('"code":"INVALID_INPUT"');
    }
    const post = await request(port, 'POST', '/api/%zz', API_HEADERS, '{}');
    expect(post.status).toBe(400);
    await stillServing(port);
  });

  it('refuses a request with two Host headers, even when both name this host', async () => {
    const { port } = await startHost();
    const twice = await rawExchange(port, `GET /api HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
    expect(statusOf(twice.text)).toBe(400);
    const foreignSecond = await rawExchange(port, `GET /api HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nhost: evil.example\r\nConnection: close\r\n\r\n`);
    expect(statusOf(foreignSecond.text)).toBe(400);
    expect(statusOf((await rawExchange(port, get(port, '/api'))).text)).toBe(200);
  });

  it('answers bytes that are not HTTP with 400 and keeps serving', async () => {
    const { port } = await startHost();
    for (const garbage of [
      '\u0000\u0001\u0002 nonsense\r\n\r\n',
      'GET / HTTP/9.9\r\n\r\n',
      `GET /a b HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`,
      get(port, 'evil.example:80'),
    ]) {
      const raw = await rawExchange(port, garbage);
      expect(statusOf(raw.text), JSON.stringify(garbage)).toBeGreaterThanOrEqual(400);
      expect(statusOf(raw.text), JSON.stringify(garbage)).toBeLessThan(500);
    }
    await stillServing(port);
  });
});

describe('request bodies', () => {
  it('answers a body over the limit with 413 and writes nothing', async () => {
    const { ws, port } = await startHost({ maxBodyBytes: 1024 });
    const before = ws.db.changeStamp();
    const input = { dictionary: 'product', name: '新产品', padding: 'x'.repeat(2048) };
    const sent = await request(port, 'POST', '/api/dictionaries/save-entry', API_HEADERS, JSON.stringify(input));
    expect(sent.status).toBe(413);
    expect(JSON.parse(sent.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { limit: 1024 } } });
    expect(ws.db.changeStamp()).toBe(before);
    // Chunked, so only the bytes read can tell.
    const chunked = await rawExchange(
      port,
      `POST /api/dictionaries/save-entry HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-PlanDesk: 1\r\nTransfer-Encoding: chunked\r\n\r\n800\r\n${'x'.repeat(0x800)}\r\n0\r\n\r\n`,
    );
    expect(statusOf(chunked.text)).toBe(413);
    expect(ws.db.changeStamp()).toBe(before);
    await stillServing(port);
  });

  it('refuses a declared Content-Length over the limit before the body is sent', async () => {
    const { port } = await startHost();
    const raw = await rawExchange(
      port,
      `POST /api/workspace/get-info HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-PlanDesk: 1\r\nContent-Length: ${DEFAULT_BODY_LIMIT + 1}\r\n\r\n{`,
    );
    expect(statusOf(raw.text)).toBe(413);
    expect(raw.closed).toBe(true);
    await stillServing(port);
  });

  it('takes an import as large as the contract accepts, and nothing larger on an ordinary channel', async () => {
    const { port } = await startHost();
    // 40,000,000 base64 characters: the contract's largest import file (a 30 MB XLSX).
    const largestImport = JSON.stringify({ table: 'demand', yearMonth: '2026-11', base64: 'A'.repeat(40_000_000) });
    expect(largestImport.length).toBeLessThan(BULK_BODY_LIMIT);
    const imported = await request(port, 'POST', '/api/strategy/import-xlsx', API_HEADERS, largestImport);
    expect(imported.status).not.toBe(413);
    expect(imported.status).toBeLessThan(500);
    // The same size to an ordinary channel is over its limit.
    const ordinary = await request(port, 'POST', '/api/dictionaries/save-entry', API_HEADERS, largestImport);
    expect(ordinary.status).toBe(413);
  });
});

describe('slow and idle connections', () => {
  it('sets its timeouts deliberately', async () => {
    const { server } = await startHost();
    expect(server.headersTimeout).toBe(DEFAULT_TIMEOUTS.headersMs);
    expect(server.requestTimeout).toBe(DEFAULT_TIMEOUTS.requestMs);
    expect(server.keepAliveTimeout).toBe(DEFAULT_TIMEOUTS.keepAliveMs);
    expect(DEFAULT_TIMEOUTS.headersMs).toBeLessThan(DEFAULT_TIMEOUTS.requestMs);
  });

  it('answers headers that never finish with 408 and closes the connection', async () => {
    const { port } = await startHost({ timeouts: { headersMs: 300, requestMs: 600, keepAliveMs: 300 } });
    const raw = await rawExchange(port, `GET /api HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Slow: `, 5_000);
    expect(raw.closed).toBe(true);
    expect(statusOf(raw.text)).toBe(408);
    expect(raw.afterMs).toBeLessThan(2_000);
    await stillServing(port);
  });

  it('closes a request whose body never finishes, writing nothing', async () => {
    const { ws, port } = await startHost({ timeouts: { headersMs: 300, requestMs: 600, keepAliveMs: 300 } });
    const before = ws.db.changeStamp();
    const raw = await rawExchange(
      port,
      `POST /api/dictionaries/save-entry HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-PlanDesk: 1\r\nContent-Length: 1000\r\n\r\n{"dictionary":"product",`,
      5_000,
    );
    expect(raw.closed).toBe(true);
    expect(raw.afterMs).toBeLessThan(3_000);
    expect(ws.db.changeStamp()).toBe(before);
    await stillServing(port);
  });

  it('drops an idle keep-alive connection, and keeps the event stream open past the request timeout', async () => {
    const { port } = await startHost({ timeouts: { headersMs: 300, requestMs: 600, keepAliveMs: 300 } });
    const idle = await rawExchange(port, `GET /api HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`, 5_000);
    expect(statusOf(idle.text)).toBe(200);
    expect(idle.closed).toBe(true);
    expect(idle.afterMs).toBeLessThan(2_000);

    const stream = await rawExchange(port, `GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`, 2_000);
    expect(statusOf(stream.text)).toBe(200);
    expect(stream.text).toContain(': connected');
    expect(stream.closed).toBe(false);
  });
});

describe('failures inside a handler', () => {
  it('answers 500 with INTERNAL in the envelope when the workspace fails under it, and keeps serving', async () => {
    const { ws, port } = await startHost();
    await ws.close();
    const answer = await callApi(port, 'workspace/get-info', {});
    expect(answer.status).toBe(500);
    expect(answer.json).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(typeof answer.json.error!.message).toBe('string');
    await stillServing(port);
  });
});

describe('writes need the app header or a same-origin Origin', () => {
  it('refuses a POST with neither, writing nothing; accepts either', async () => {
    const { ws, port } = await startHost();
    const input = JSON.stringify({ dictionary: 'product-class', name: '跨站写入' });
    const before = ws.db.changeStamp();
    const bare = await request(port, 'POST', '/api/dictionaries/save-entry', { 'Content-Type': 'application/json' }, input);
    expect(bare.status).toBe(403);
    expect(JSON.parse(bare.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(ws.db.changeStamp()).toBe(before);
    const wrongValue = await request(port, 'POST', '/api/dictionaries/save-entry', { 'Content-Type': 'application/json', 'X-PlanDesk': 'yes' }, input);
    expect(wrongValue.status).toBe(403);
    const foreign = await request(port, 'POST', '/api/dictionaries/save-entry', { ...API_HEADERS, Origin: 'http://evil.example' }, input);
    expect(foreign.status).toBe(403);
    expect(ws.db.changeStamp()).toBe(before);

    expect((await request(port, 'POST', '/api/dictionaries/save-entry', API_HEADERS, input)).status).toBe(200);
    const sameOrigin = await request(port, 'POST', '/api/workspace/get-info', { 'Content-Type': 'application/json', Origin: `http://127.0.0.1:${port}` }, '{}');
    expect(sameOrigin.status).toBe(200);
  });

  it('serves reads without the header: the app shell, the channel list and the event stream', async () => {
    const { port } = await startHost();
    expect((await request(port, 'GET', '/')).status).toBe(200);
    expect((await request(port, 'GET', '/api')).status).toBe(200);
    const stream = await rawExchange(port, `GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`, 500);
    expect(statusOf(stream.text)).toBe(200);
  });
});

describe('business refusals come back as 4xx', () => {
  it('an entry in use: 409, and nothing is deleted', async () => {
    const { ws, port } = await startHost();
    const entries = (await callApi(port, 'dictionaries/list', { dictionary: 'customer-class' })).json.data as Array<{ id: string; name: string }>;
    const finance = entries.find((e) => e.name === '金融')!;
    const before = ws.db.changeStamp();
    const refused = await callApi(port, 'dictionaries/delete-entry', { id: finance.id });
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({ code: 'IN_USE' });
    expect(ws.db.changeStamp()).toBe(before);
  });

  it('a total below the locked cells: 422, and the plan is as it was', async () => {
    const { ws, port } = await startHost();
    const tree = (await callApi(port, 'org/list-tree', {})).json.data as { units: Array<{ id: string; parentId: string | null; level: string }> };
    const company = tree.units.find((u) => u.level === 'company')!;
    const branch = tree.units.find((u) => u.parentId === company.id)!;
    const total = { year: 2026, metricId: 'm-revenue', level: 'basic', subjectId: company.id, periodKey: 'total', orgMethod: 'even' };
    expect((await callApi(port, 'plan/set-total', { ...total, text: '3000' })).status).toBe(200);
    expect((await callApi(port, 'plan/set-lock', { ...total, subjectId: branch.id, orgMethod: undefined, locked: true })).status).toBe(200);
    const plan = () => ws.db.get(`SELECT COUNT(*) AS n, SUM(value) AS s FROM plan_day_cell`);
    const before = plan();
    const refused = await callApi(port, 'plan/set-total', { ...total, text: '10' });
    expect(refused.status).toBe(422);
    expect(refused.json.error).toMatchObject({ code: 'SPLIT_REFUSED' });
    expect(plan()).toEqual(before);
  });

  it('an unknown id: 404; a PDF from a host without a printer: 503; an impossible date: 400', async () => {
    const { port } = await startHost();
    const missing = await callApi(port, 'screening/save-criteria', { year: 2026, customerId: 'c-none', criteria: [] });
    expect(missing.status).toBe(404);
    expect(missing.json.error).toMatchObject({ code: 'NOT_FOUND' });
    const pdf = await callApi(port, 'reports/export', { report: 'targets', format: 'pdf', jobId: 'pdf-1' });
    expect(pdf.status).toBe(503);
    expect(pdf.json.error).toMatchObject({ code: 'UNAVAILABLE' });
    const tree = (await callApi(port, 'org/list-tree', {})).json.data as { units: Array<{ id: string }> };
    const impossible = await callApi(port, 'tracking/get-summary', { year: 2026, metricId: 'm-revenue', subjectId: tree.units[0].id, asOf: '2026-02-30' });
    expect(impossible.status).toBe(400);
    expect(impossible.json.error).toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('an export cancelled by the user: 409', async () => {
    const { ws, port } = await startHost();
    let cancel: Promise<unknown> | undefined;
    ws.events.on('reports/export-progressed', (progress) => {
      cancel ??= callApi(port, 'reports/cancel-export', { jobId: progress.jobId });
    });
    const exported = await callApi(port, 'reports/export', { report: 'targets', format: 'xlsx', jobId: 'to-cancel' });
    expect(await cancel).toMatchObject({ status: 200, json: { ok: true, data: { cancelled: true } } });
    expect(exported.status).toBe(409);
    expect(exported.json.error).toMatchObject({ code: 'CANCELLED' });
  });
});
