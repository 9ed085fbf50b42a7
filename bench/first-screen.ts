/**
 * Figure first-screen: time from navigation to the first grid row of 年度目标 visible, in headless
 * Chromium against the web host on a fresh sample workspace, against a bare page from the same
 * host that shows the same rows and columns with the grid as the app renders it (React and
 * AgGridReact) and nothing else (bench/first-screen/bare/react). A third page, AG Grid's own DOM
 * renderer without React (bare/vanilla), is timed in the same rounds for the record. All are cold
 * loads: every run starts a browser on a fresh user-data-dir (launch not timed). Also records the
 * renderer's bundle: every chunk in out/renderer/assets and what the first screen loads.
 *
 *   npx tsx bench/first-screen.ts [--root DIR] [--runs N]    the figure on its own (no results.json)
 *
 * `--root` points at another checkout (its built out/renderer and its own web host), for the
 * numbers before a change; the bare page is always built from this tree, so both use one baseline.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../src-main/core/reports/pdf';
import { median, progress, removeDir, tempDir, type Figure, type FigureOutcome } from './harness';

const THIS_ROOT = path.resolve(__dirname, '..');
const VIEWPORT = { width: 1600, height: 900 };
const REFERENCE_MS = 1000;
const LOAD_TIMEOUT_MS = 60_000;

/**
 * Runs in the page before its scripts: in every animation frame (just before it is painted) looks
 * for the first body row of a grid with text in a cell, and notes that frame's time in ms since
 * navigation started (performance.now()). A frame check is one query, so the watch costs both
 * pages next to nothing (a DOM observer paid per mutation, far more on the app's side).
 */
const FIRST_ROW_WATCH = `(() => {
  const check = () => {
    for (const cell of document.querySelectorAll('.ag-row:not(.ag-row-pinned)[row-index="0"] .ag-cell')) {
      if (cell.textContent.trim() !== '') {
        window.__firstRowMs = performance.now();
        return;
      }
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();`;

interface PageLoad {
  ms: number;
  /** Text of row 0's name cell, to check both pages show the same rows. */
  firstRow: string;
  /** Scripts fetched before the first row was painted (name, bytes). */
  scripts: Array<{ name: string; bytes: number }>;
  /** The grid's box when its first row was painted: the bare pages get the app's. */
  box: { width: number; height: number };
}

export interface Chunk {
  file: string;
  bytes: number;
  /** index.html, or a file it loads itself (entry script, modulepreload, linked stylesheet). */
  initial: boolean;
}

/**
 * Every file of the built renderer's assets folder, and index.html itself (it carries the first
 * screen's antd styles), largest first.
 */
export function bundleChunks(rendererDir: string): Chunk[] {
  const indexFile = path.join(rendererDir, 'index.html');
  const index = fs.readFileSync(indexFile, 'utf8');
  const assets = path.join(rendererDir, 'assets');
  return [
    { file: 'index.html', bytes: fs.statSync(indexFile).size, initial: true },
    ...fs.readdirSync(assets).map((file) => ({
      file,
      bytes: fs.statSync(path.join(assets, file)).size,
      // Loaded by index.html itself: a script, stylesheet or modulepreload (not antd's full
      // stylesheet, which index.html only names for the app to link after the first screen).
      initial: index.includes(`src="./assets/${file}"`) || index.includes(`href="./assets/${file}"`),
    })),
  ].sort((a, b) => b.bytes - a.bytes);
}

const kB = (bytes: number) => `${(bytes / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 })} kB`;

/** The bare pages, each its own production build (Vite, as the app: minified, no preload polyfill). */
const BARE_PAGES = ['react', 'vanilla'] as const;

/** The app and the bare pages in one folder (bare/react/, bare/vanilla/), so one host serves all. */
async function prepareStatic(root: string, dir: string): Promise<string> {
  const rendererDir = path.join(root, 'out/renderer');
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) throw new Error(`${rendererDir} is not built: run npm run build there`);
  const staticDir = path.join(dir, 'static');
  fs.cpSync(rendererDir, staticDir, { recursive: true });
  const { build } = await import('vite');
  const { default: react } = await import('@vitejs/plugin-react');
  for (const page of BARE_PAGES) {
    await build({
      configFile: false,
      logLevel: 'warn',
      root: path.join(__dirname, 'first-screen/bare', page),
      base: './',
      plugins: [react()],
      build: { outDir: path.join(staticDir, 'bare', page), emptyOutDir: true, chunkSizeWarningLimit: 4000, modulePreload: { polyfill: false } },
    });
  }
  return staticDir;
}

/** The checkout's web host as a child process; resolves with its address once it listens. */
function startHost(root: string, staticDir: string, workspace: string): Promise<{ url: string; child: ChildProcess }> {
  const tsx = path.join(THIS_ROOT, 'node_modules/tsx/dist/cli.mjs');
  const script = path.join(__dirname, 'first-screen/host.ts');
  const child = spawn(process.execPath, [tsx, script, '--root', root, '--static', staticDir, '--workspace', workspace], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (data: Buffer) => {
      output += data.toString();
      const line = output.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve({ url: `http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}`, child });
    });
    child.once('exit', (code) => reject(new Error(`web host exited (${code}) before listening`)));
  });
}

async function stopHost(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** One cold load: a browser on a fresh profile, navigation to the first painted row. */
async function loadOnce(executablePath: string, url: string): Promise<PageLoad> {
  const profile = tempDir();
  const context = await chromium.launchPersistentContext(profile, { executablePath, args: CHROMIUM_ARGS, headless: true, viewport: VIEWPORT, locale: 'zh-CN' });
  try {
    await context.addInitScript(FIRST_ROW_WATCH);
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => (window as unknown as { __firstRowMs?: number }).__firstRowMs, null, { timeout: LOAD_TIMEOUT_MS, polling: 50 });
    return await page.evaluate(() => {
      const ms = (window as unknown as { __firstRowMs: number }).__firstRowMs;
      const name = document.querySelector('.ag-row:not(.ag-row-pinned)[row-index="0"] [col-id="name"]');
      const scripts = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((e) => e.name.endsWith('.js') && e.responseEnd <= ms)
        .map((e) => ({ name: e.name.split('/').pop()!, bytes: e.encodedBodySize }));
      const grid = document.querySelector('.ag-root-wrapper')?.getBoundingClientRect();
      return { ms, firstRow: name?.textContent?.trim() ?? '', scripts, box: { width: Math.round(grid?.width ?? 0), height: Math.round(grid?.height ?? 0) } };
    });
  } finally {
    await context.close();
    removeDir(profile);
  }
}

export interface FirstScreenOptions {
  /** The checkout whose out/renderer and web host are measured. */
  root?: string;
  runs: number;
}

/**
 * Warm-up of each page, then `runs` rounds of app, bare page and page without React in turn;
 * the medians of the app and the bare page are the figure.
 */
export async function measureFirstScreen(options: FirstScreenOptions): Promise<FigureOutcome> {
  const root = path.resolve(options.root ?? THIS_ROOT);
  const executablePath = findChromium();
  if (!executablePath) throw new Error('Chromium not found (install chromium or set PLANDESK_CHROMIUM)');
  const dir = tempDir();
  let child: ChildProcess | undefined;
  try {
    const staticDir = await prepareStatic(root, dir);
    const host = await startHost(root, staticDir, path.join(dir, 'first-screen.plandesk'));
    child = host.child;
    const app = `${host.url}/#/targets`;
    const warmApp = await loadOnce(executablePath, app);
    // The bare pages draw into a box the size of the app's grid (AG Grid draws what fits).
    const box = `?width=${warmApp.box.width}&height=${warmApp.box.height}`;
    const pages = { app, bare: `${host.url}/bare/react/index.html${box}`, vanilla: `${host.url}/bare/vanilla/index.html${box}` };
    const warm = {
      app: warmApp,
      bare: await loadOnce(executablePath, pages.bare),
      vanilla: await loadOnce(executablePath, pages.vanilla),
    };
    for (const side of ['bare', 'vanilla'] as const) {
      if (!warm[side].firstRow || !warm.app.firstRow.includes(warm[side].firstRow)) {
        throw new Error(`first rows differ: app "${warm.app.firstRow}", ${side} page "${warm[side].firstRow}"`);
      }
    }
    progress(
      `  warm-up: app ${warm.app.ms.toFixed(0)} ms, bare ${warm.bare.ms.toFixed(0)} ms, without React ${warm.vanilla.ms.toFixed(0)} ms (first row "${warm.bare.firstRow}", grid ${warmApp.box.width}×${warmApp.box.height}, bare ${warm.bare.box.width}×${warm.bare.box.height})`,
    );
    const times = { app: [] as number[], bare: [] as number[], vanilla: [] as number[] };
    for (let i = 0; i < options.runs; i++) {
      for (const side of ['app', 'bare', 'vanilla'] as const) times[side].push((await loadOnce(executablePath, pages[side])).ms);
      progress(
        `  round ${i + 1}/${options.runs}: app ${times.app[i].toFixed(0)} ms, bare ${times.bare[i].toFixed(0)} ms, without React ${times.vanilla[i].toFixed(0)} ms`,
      );
    }
    return describe(root, { app: median(times.app), bare: median(times.bare), vanilla: median(times.vanilla) }, warm.app.scripts);
  } finally {
    if (child) await stopHost(child);
    removeDir(dir);
  }
}

/** The figure's extra lines and results.json fields: absolute time and the bundle. */
function describe(root: string, medians: { app: number; bare: number; vanilla: number }, scripts: PageLoad['scripts']): FigureOutcome {
  const chunks = bundleChunks(path.join(root, 'out/renderer'));
  const firstScreenBytes = scripts.reduce((sum, s) => sum + s.bytes, 0);
  const total = chunks.reduce((sum, c) => sum + c.bytes, 0);
  const within = medians.app <= REFERENCE_MS ? 'within' : 'over';
  const vanillaRatio = medians.app / medians.vanilla;
  return {
    ours_ms: medians.app,
    baseline_ms: medians.bare,
    notes: [
      `absolute ${Math.round(medians.app)} ms (${within} the ${REFERENCE_MS} ms reference); first screen loads ${scripts.length} scripts, ${kB(firstScreenBytes)}`,
      `for the record: AG Grid without React ${Math.round(medians.vanilla)} ms, app ${vanillaRatio.toFixed(2)}x of it`,
      `bundle: ${chunks.length} files, ${kB(total)}`,
      ...chunks.map((c) => `${c.file}: ${kB(c.bytes)}${c.initial ? ' (initial)' : ''}`),
    ],
    details: {
      reference_ms: REFERENCE_MS,
      without_react_ms: Math.round(medians.vanilla * 10) / 10,
      first_screen_scripts: scripts,
      bundle_bytes: total,
      chunks,
    },
  };
}

export const firstScreen: Figure = {
  name: 'first-screen',
  budget: 1.3,
  description:
    'Headless Chromium (fresh user-data-dir per run, 1600×900) against the web host on a fresh sample workspace: ms from ' +
    "navigation to #/targets until the animation frame in which the 年度目标 grid's first row shows text. Baseline: a bare " +
    'page from the same host (React + AgGridReact, as the app renders its grids, nothing else; built by Vite) that fetches ' +
    'the same data and shows the same rows and columns; AG Grid without React is timed too, for the record. Also prints ' +
    'the absolute time (reference 1000 ms) and the size of every renderer chunk.',
  run: ({ runs }) => measureFirstScreen({ runs }),
};

if (require.main === module) {
  const { values } = parseArgs({ options: { root: { type: 'string' }, runs: { type: 'string', default: '5' } } });
  measureFirstScreen({ root: values.root, runs: Math.max(1, Number(values.runs) || 5) }).then(
    (outcome) => {
      const ratio = outcome.ours_ms / outcome.baseline_ms;
      console.log(`first-screen: ${ratio.toFixed(2)}x (ours ${Math.round(outcome.ours_ms)} ms, baseline ${Math.round(outcome.baseline_ms)} ms)`);
      for (const note of outcome.notes ?? []) console.log(`  ${note}`);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(2);
    },
  );
}
