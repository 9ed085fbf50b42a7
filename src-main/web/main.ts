/**
 * `npm run web -- --workspace FILE --port N`: builds the renderer if it is missing or older than
 * its sources, opens (or creates, with sample data) the workspace, and serves it on 127.0.0.1.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createChromiumPdfPrinter } from '../core/reports/pdf';
import { openWorkspace } from '../core/app';
import { createWebHost } from './server';

const ROOT = path.resolve(__dirname, '../..');
const RENDERER_OUT = path.join(ROOT, 'out/renderer');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

function ensureRendererBuilt(): void {
  const index = path.join(RENDERER_OUT, 'index.html');
  const builtAt = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  const sourcesAt = Math.max(newestMtime(path.join(ROOT, 'src-renderer')), newestMtime(path.join(ROOT, 'src-shared')));
  if (builtAt >= sourcesAt) return;
  console.log('PlanDesk: building the renderer…');
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      workspace: { type: 'string', default: path.join(ROOT, 'tmp/default.plandesk') },
      port: { type: 'string', default: '5180' },
      'no-build': { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PlanDesk: invalid --port ${values.port}`);
    process.exit(2);
  }
  if (!values['no-build']) ensureRendererBuilt();
  const workspace = await openWorkspace(values.workspace!, { createWithSample: true });
  // Headless Chromium prints PDFs here (Electron uses its own printToPDF); started on first use.
  const printer = createChromiumPdfPrinter();
  const server = createWebHost({ workspace, staticDir: RENDERER_OUT, port, host: { printPdf: printer } });
  server.on('listening', () => {
    const address = server.address() as { port: number };
    console.log(`PlanDesk web host: http://127.0.0.1:${address.port}/`);
    console.log(`workspace: ${workspace.file}`);
    console.log('按 Ctrl+C 停止 / Press Ctrl+C to stop');
  });
  server.on('error', (error) => {
    console.error(`PlanDesk: cannot listen on 127.0.0.1:${port}: ${error.message}`);
    process.exit(1);
  });
  const shutdown = () => {
    server.close();
    void Promise.allSettled([printer.close(), workspace.close()]).then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  // No process-wide uncaughtException / unhandledRejection handler: every request is answered
  // inside createWebHost (a failing handler gets a 500), so what would reach one is a bug outside
  // any request, and a host kept serving after it would do so from a state nobody knows.
}

main().catch((error: unknown) => {
  console.error(`PlanDesk: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
