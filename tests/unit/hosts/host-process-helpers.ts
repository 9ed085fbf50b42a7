/**
 * The web host as `npm run web` starts it, as its own process on a given workspace file: for tests
 * that kill it (SIGKILL is only a real crash when it is another process) and start it again on
 * the same file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach } from 'vitest';

export { seededRandom } from '../../../src-shared/domain/random';

const ROOT = path.resolve(__dirname, '../../..');

export interface HostProcess {
  child: ChildProcess;
  port: number;
  /** Everything the process wrote to stdout and stderr so far. */
  output: () => string;
}

/** For a test file, called once at its top: starts host processes and SIGKILLs any still running after its test. */
export function hostProcessPerTest(): (file: string) => Promise<HostProcess> {
  const started: ChildProcess[] = [];
  afterEach(async () => {
    for (const child of started.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exitOf(child);
    }
  });
  return async (file) => {
    const host = startHostProcess(file);
    started.push(host.child);
    return { child: host.child, port: await host.port, output: host.output };
  };
}

/** Starts src-main/web/main.ts on `file` (port 0, no renderer build); `port` resolves once it prints it. */
function startHostProcess(file: string): { child: ChildProcess; port: Promise<number>; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/web/main.ts', '--workspace', file, '--port', '0', '--no-build'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const port = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the web host did not start:\n${output}`)), 20_000);
    child.stdout!.on('data', () => {
      const match = /PlanDesk web host: http:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the web host exited with ${code ?? signal}:\n${output}`));
    });
  });
  return { child, port, output: () => output };
}

/** Resolves when the process has exited (at once if it already has). */
export function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}
