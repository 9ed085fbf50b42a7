/**
 * The Electron shell: app lifecycle, the window, the `app://plandesk/` protocol, the menu and the
 * one IPC channel that forwards `(channel, input)` to core's dispatch. No business logic here:
 * adding a contract channel never touches this file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, type MenuItemConstructorOptions, type WebContents, type WebFrameMain } from 'electron';
import { IPC_EVENT, IPC_INVOKE } from '../../src-shared/contract/bridge';
import { events, type EventName, type ReportFormat } from '../../src-shared/contract/channels';
import type { DispatchResult } from '../../src-shared/contract/errors';
import { APP_CSP, contentTypeOf } from '../core/app-content';
import { createDispatch } from '../core/dispatch';
import type { HostServices } from '../core/host-services';
import { createElectronPdfPrinter } from './pdf-printer';
import { openWorkspace, type Workspace } from '../core/app';

const WINDOW_TITLE = 'PlanDesk 计划工作台';
const APP_SCHEME = 'app';
const APP_HOST = 'plandesk';
const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

// out/main/index.js -> out/renderer, out/preload, and the project root two levels up (dev).
const OUT_DIR = path.resolve(__dirname, '..');
const RENDERER_DIR = path.join(OUT_DIR, 'renderer');
const PRELOAD_FILE = path.join(OUT_DIR, 'preload', 'index.js');
const PROJECT_ROOT = path.resolve(OUT_DIR, '..');

/** electron-vite dev serves the renderer over HTTP; never honoured in a packaged app. */
const DEV_RENDERER_URL = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const DEV_ORIGIN = DEV_RENDERER_URL ? new URL(DEV_RENDERER_URL).origin : undefined;

// Must run before `ready`: a standard, secure scheme gets an origin, fetch and a working CSP.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }]);

/** True for URLs of our own renderer (the app protocol, or the dev server in development). */
function isAppUrl(raw: string | undefined): boolean {
  if (!raw) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  // WHATWG URL reports origin "null" for non-special schemes: compare scheme and host instead.
  if (url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST) return true;
  return DEV_ORIGIN !== undefined && url.origin === DEV_ORIGIN;
}

function isTrustedSender(frame: WebFrameMain | null): boolean {
  return frame !== null && isAppUrl(frame.url);
}

function nativeBindingPath(): string | undefined {
  const candidate = app.isPackaged
    ? path.join(process.resourcesPath, 'native', 'better_sqlite3.node')
    : path.join(PROJECT_ROOT, '.electron-native', 'better_sqlite3.node');
  if (fs.existsSync(candidate)) return candidate;
  console.warn(
    `[plandesk] warn: Electron build of better-sqlite3 not found at ${candidate}; ` +
      "falling back to node_modules' copy, which is built for Node and will likely fail to load. " +
      'Run `node scripts/electron-native.mjs` (needs network access to fetch Electron headers).',
  );
  return undefined;
}

function workspaceFile(): string {
  const override = process.env.PLANDESK_WORKSPACE;
  if (override) return path.resolve(override);
  return path.join(app.getPath('userData'), 'workspace.plandesk');
}

/** Serves files under out/renderer for `app://plandesk/...`, with the CSP; refuses traversal. */
async function serveRendererFile(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return new Response('Bad request', { status: 400 });
  }
  if (pathname.includes('\0')) return new Response('Bad request', { status: 400 });
  let file = path.resolve(RENDERER_DIR, `.${pathname.startsWith('/') ? '' : '/'}${pathname}`);
  const relative = path.relative(RENDERER_DIR, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return new Response('Forbidden', { status: 403 });
  if (relative === '') file = path.join(RENDERER_DIR, 'index.html');

  let body: Buffer;
  try {
    body = await fs.promises.readFile(file);
  } catch {
    // Client-side routes (no extension) fall back to the app's index.html.
    if (path.extname(file) !== '') return new Response('Not found', { status: 404 });
    file = path.join(RENDERER_DIR, 'index.html');
    try {
      body = await fs.promises.readFile(file);
    } catch {
      return new Response('Not found', { status: 404 });
    }
  }
  return new Response(new Uint8Array(body), {
    status: 200,
    headers: {
      'Content-Type': contentTypeOf(file),
      'Content-Security-Policy': APP_CSP,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

/** Applied to every webContents: no navigation away from the app, no new windows, no webviews. */
function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

function buildMenu(): Menu {
  const view: MenuItemConstructorOptions[] = [{ role: 'reload', label: '重新加载' }];
  if (!app.isPackaged) view.push({ role: 'toggleDevTools', label: '开发者工具' });
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    { label: '文件', submenu: [{ role: 'quit', label: '退出' }] },
    {
      label: '编辑',
      submenu: [
        { role: 'undo', label: '撤销' },
        { role: 'redo', label: '重做' },
        { type: 'separator' },
        { role: 'cut', label: '剪切' },
        { role: 'copy', label: '复制' },
        { role: 'paste', label: '粘贴' },
        { role: 'selectAll', label: '全选' },
      ],
    },
    { label: '视图', submenu: view },
  ];
  return Menu.buildFromTemplate(template);
}

let mainWindow: BrowserWindow | null = null;

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    title: WINDOW_TITLE,
    show: false,
    webPreferences: {
      preload: PRELOAD_FILE,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void (DEV_RENDERER_URL ? win.loadURL(DEV_RENDERER_URL) : win.loadURL(`${APP_ORIGIN}/index.html`));
  return win;
}

function showFirstWindow(): void {
  if (mainWindow) {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  } else {
    mainWindow = createWindow();
  }
}

interface OpenedWorkspace {
  ws: Workspace;
  dispatch: (channel: string, input: unknown) => Promise<DispatchResult<unknown>>;
}

/** Set once at startup; IPC calls made while the workspace is still opening wait for it. */
let opened: Promise<OpenedWorkspace> | null = null;
const unsubscribers: Array<() => void> = [];

function forwardEvents(ws: Workspace): void {
  for (const name of Object.keys(events) as EventName[]) {
    unsubscribers.push(
      ws.events.on(name, (payload) => {
        for (const win of BrowserWindow.getAllWindows()) {
          if (!win.isDestroyed()) win.webContents.send(IPC_EVENT, name, payload);
        }
      }),
    );
  }
}

function registerIpc(): void {
  ipcMain.handle(IPC_INVOKE, async (event, channel: unknown, input: unknown): Promise<DispatchResult<unknown>> => {
    if (!isTrustedSender(event.senderFrame)) {
      return {
        ok: false,
        error: { code: 'FORBIDDEN', message: 'IPC call from an untrusted frame', details: { url: event.senderFrame?.url ?? null } },
      };
    }
    if (typeof channel !== 'string') {
      return { ok: false, error: { code: 'INVALID_INPUT', message: 'Channel must be a string' } };
    }
    let current: OpenedWorkspace;
    try {
      if (!opened) throw new Error('not opened yet');
      current = await opened;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, error: { code: 'INTERNAL', message: `Workspace unavailable: ${message}` } };
    }
    return current.dispatch(channel, input);
  });
}

async function openDefaultWorkspace(file: string): Promise<OpenedWorkspace> {
  const ws = await openWorkspace(file, { createWithSample: true, nativeBinding: nativeBindingPath() });
  forwardEvents(ws);
  return { ws, dispatch: createDispatch(ws, hostServices()) };
}

/** What the desktop shell does for core: printToPDF, and the save dialog for exports. */
function hostServices(): HostServices {
  const filters: Record<ReportFormat, Electron.FileFilter> = {
    pdf: { name: 'PDF', extensions: ['pdf'] },
    xlsx: { name: 'Excel 工作簿', extensions: ['xlsx'] },
    docx: { name: 'Word 文档', extensions: ['docx'] },
  };
  return {
    printPdf: createElectronPdfPrinter(),
    chooseSavePath: async (suggestedName, format) => {
      const options: Electron.SaveDialogOptions = {
        title: '保存报表',
        defaultPath: path.join(app.getPath('documents'), suggestedName),
        filters: [filters[format]],
      };
      const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}

function start(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  protocol.handle(APP_SCHEME, serveRendererFile);
  Menu.setApplicationMenu(buildMenu());
  registerIpc();

  const file = workspaceFile();
  opened = openDefaultWorkspace(file);
  opened.catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    // A refused file is the user's to fix and its message says everything; anything else is ours.
    const refused = error instanceof Error && error.name === 'WorkspaceRefusedError';
    console.error(`[plandesk] error: cannot open workspace ${file}:`, refused ? message : error);
    dialog.showErrorBox('无法打开工作区 / Cannot open the workspace', refused ? message : `${file}\n\n${message}`);
    app.exit(1);
  });

  mainWindow = createWindow();
}

// ---- lifecycle -------------------------------------------------------------------------------

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', showFirstWindow);
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
  });

  let closed = false;
  let closing = false;
  app.on('will-quit', (event) => {
    if (closed || !opened) return;
    event.preventDefault();
    if (closing) return;
    closing = true;
    for (const unsubscribe of unsubscribers.splice(0)) unsubscribe();
    opened
      .then(({ ws }) => ws.close())
      .catch((error: unknown) => console.error('[plandesk] error: closing the workspace failed:', error))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });

  app.whenReady().then(start, (error: unknown) => {
    console.error('[plandesk] error: startup failed:', error);
    app.exit(1);
  });
}
