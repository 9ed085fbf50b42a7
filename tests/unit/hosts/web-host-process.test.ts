/**
 * The web host as `npm run web` starts it: its own process, so "the process is still alive"
 * means what it says (an in-process server would take vitest's worker down instead, or have the
 * failure reported as some other test's unhandled error).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSampleWorkspace } from '../helpers/workspace';
import { rawExchange, request, statusOf } from './web-host-helpers';

const ROOT = path.resolve(__dirname, '../../..');
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** Starts src-main/web/main.ts on a copy of the sample workspace and resolves with its port once it prints it. */
async function startHostProcess(): Promise<{ child: ChildProcess; port: number; output: () => string }> {
  const ws = await openSampleWorkspace();
  const file = ws.file;
  await ws.close();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/web/main.ts', '--workspace', file, '--port', '0', '--no-build'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the web host did not start:\n${output}`)), 20_000);
    child.stdout!.on('data', () => {
      const match = /PlanDesk web host: http:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`the web host exited with ${code}:\n${output}`)));
  });
  return { child, port, output: () => output };
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

describe('the web host process', () => {
  it('answers a malformed escape with 400 and keeps serving; Ctrl+C stops it cleanly', async () => {
    const { child, port, output } = await startHostProcess();
    for (const target of ['/%', '/%E0%A4%A', '/api/%zz']) {
      const raw = await rawExchange(port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
      expect(statusOf(raw.text), `GET ${target}\n${output()}`).toBe(400);
    }
    expect(child.exitCode, output()).toBeNull();
    expect((await request(port, 'GET', '/api')).status).toBe(200);

    child.kill('SIGINT');
    expect(await exitOf(child)).toEqual({ code: 0, signal: null });
  });
});
