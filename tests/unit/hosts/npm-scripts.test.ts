/**
 * `npm start` and `npm run web` as a user runs them: through npm, which runs a script through
 * `sh -c`. POSIX only (the signal test is about that shell).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSampleWorkspace, tempDir } from '../helpers/workspace';

const ROOT = path.resolve(__dirname, '../../..');
const ELECTRON_DIR = path.join(ROOT, 'node_modules/electron');
const electronVersion: string = JSON.parse(fs.readFileSync(path.join(ELECTRON_DIR, 'package.json'), 'utf8')).version;
/** What electron-vite reads to find the binary; where it is, `npm start` would open the app. */
const electronInstalled = fs.existsSync(path.join(ELECTRON_DIR, 'path.txt'));
const posix = process.platform !== 'win32';

const groups: number[] = [];
afterEach(() => {
  // Each npm runs in its own process group: whatever it left behind goes with it.
  for (const pgid of groups.splice(0)) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // the group is already gone
    }
  }
});

function npm(args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
  const child = spawn('npm', args, { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  groups.push(child.pid!);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  return { child, output: () => output };
}

function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('npm start without the Electron binary', () => {
  it.skipIf(!posix || electronInstalled)(
    'stops before electron-vite with a short bilingual message that points to npm run web',
    async () => {
      // Every way @electron/get could be pointed at a mirror or a cache, pointed at nothing: the
      // download fails at once (port 9 on this machine refuses) and cannot come from a cache.
      const env: NodeJS.ProcessEnv = {};
      for (const [key, value] of Object.entries(process.env)) if (!/electron/i.test(key)) env[key] = value;
      Object.assign(env, {
        ELECTRON_MIRROR: 'http://127.0.0.1:9/',
        npm_config_electron_mirror: 'http://127.0.0.1:9/',
        electron_config_cache: tempDir(),
      });
      const started = Date.now();
      const { child, output } = npm(['start'], env);
      const code = await exitOf(child);
      const text = output();
      expect(code, text).not.toBe(0);
      const zh = text.indexOf(`无法下载 Electron 运行时（electron ${electronVersion}）`);
      const en = text.indexOf(`The Electron runtime (electron ${electronVersion}) could not be downloaded`);
      expect(zh, text).toBeGreaterThan(-1);
      expect(en, text).toBeGreaterThan(zh);
      expect(text).toContain('`npm run web`');
      expect(text).not.toMatch(/^\s+at /m);
      // It stopped there: neither the native rebuild nor electron-vite ran.
      expect(text).not.toContain('[electron-native]');
      expect(text).not.toContain('Electron uninstall');
      expect(fs.existsSync(path.join(ELECTRON_DIR, 'path.txt'))).toBe(false);
      expect(Date.now() - started).toBeLessThan(20_000);
    },
    30_000,
  );
});

describe('npm run web', () => {
  it.skipIf(!posix)(
    'stops, server and all, when npm is sent SIGTERM',
    async () => {
      const ws = await openSampleWorkspace();
      await ws.close();
      const { child, output } = npm(['run', 'web', '--', '--workspace', ws.file, '--port', '0', '--no-build'], process.env);
      const port = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the web host did not start:\n${output()}`)), 30_000);
        child.stdout!.on('data', () => {
          const match = /PlanDesk web host: http:\/\/127\.0\.0\.1:(\d+)\//.exec(output());
          if (match) {
            clearTimeout(timer);
            resolve(Number(match[1]));
          }
        });
        child.once('exit', (code) => reject(new Error(`npm run web exited with ${code}:\n${output()}`)));
      });
      expect(await accepts(port)).toBe(true);

      child.kill('SIGTERM');
      await exitOf(child);
      // npm is gone at once; the server it started must follow within a couple of seconds.
      const deadline = Date.now() + 3_000;
      while ((await accepts(port)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await accepts(port), `the web host still serves on ${port} after npm was stopped\n${output()}`).toBe(false);
    },
    60_000,
  );
});
