/**
 * The web host of the first-screen figure, run as a child process so that the same measurement
 * can drive this checkout or an older one (`--root`, for before/after numbers): it loads that
 * checkout's own core and web host, creates a fresh sample workspace and serves `--static`.
 *
 *   tsx bench/first-screen/host.ts --root DIR --static DIR --workspace FILE
 *
 * Prints one line `{"port":N}` once listening; closes the workspace on SIGTERM or when its stdin
 * closes (the bench that started it has ended, however it ended).
 */
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

type ServerModule = typeof import('../../src-main/web/server');
type WorkspaceModule = typeof import('../../src-main/core/app');
type ContextModule = typeof import('../../src-main/core/context');

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { root: { type: 'string' }, static: { type: 'string' }, workspace: { type: 'string' } } });
  if (!values.root || !values.static || !values.workspace) throw new Error('usage: host.ts --root DIR --static DIR --workspace FILE');
  // The checkout's own modules, by path: its host and core may differ from this tree's.
  const load = <T>(file: string) => import(path.join(values.root!, file)) as Promise<T>;
  const { createWebHost } = await load<ServerModule>('src-main/web/server.ts');
  // Since the backend was cut by feature, core/app.ts opens workspaces; before, core/workspace.ts did.
  const appFile = fs.existsSync(path.join(values.root, 'src-main/core/app.ts')) ? 'src-main/core/app.ts' : 'src-main/core/workspace.ts';
  const { openWorkspace } = await load<WorkspaceModule>(appFile);
  const { defaultContext } = await load<ContextModule>('src-main/core/context.ts');

  const workspace = await openWorkspace(values.workspace, { createWithSample: true, ctx: defaultContext({ log: () => {} }) });
  const server = createWebHost({ workspace, staticDir: values.static, port: 0 });
  server.once('listening', () => console.log(JSON.stringify({ port: (server.address() as AddressInfo).port })));
  const shutdown = () => {
    server.closeAllConnections();
    server.close();
    void workspace.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', shutdown);
  process.stdin.once('end', shutdown);
  process.stdin.resume();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
