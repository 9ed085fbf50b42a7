/**
 * Figure first-screen: time from navigation to the first grid row of 年度目标 visible, in headless
 * Chromium against the web host on a fresh sample workspace, against a bare page from the same
 * host that shows the same rows with AG Grid alone (bench/first-screen/bare). Both are cold loads:
 * every run starts a browser on a fresh user-data-dir (launch not timed). Also records the
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
}

export interface Chunk {
  file: string;
  bytes: number;
  /** Loaded by index.html itself (entry script, modulepreload, stylesheet). */
  initial: boolean;
}

/** Every file of the built renderer's assets folder, largest first. */
export function bundleChunks(rendererDir: string): Chunk[] {
  const index = fs.readFileSync(path.join(rendererDir, 'index.html'), 'utf8');
  const assets = path.join(rendererDir, 'assets');
  return fs
    .readdirSync(assets)
    .map((file) => ({ file, bytes: fs.statSync(path.join(assets, file)).size, initial: index.includes(`assets/${file}`) }))
    .sort((a, b) => b.bytes - a.bytes);
}

const kB = (bytes: number) => `${(bytes / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 })} kB`;

/** The app and the bare page in one folder, so one host serves both. */
async function prepareStatic(root: string, dir: string): Promise<string> {
  const rendererDir = path.join(root, 'out/renderer');
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) throw new Error(`${rendererDir} is not built: run npm run build there`);
  const staticDir = path.join(dir, 'static');
  fs.cpSync(rendererDir, staticDir, { recursive: true });
  const { build } = await import('vite');
  await build({
    configFile: false,
    logLevel: 'warn',
    root: path.join(__dirname, 'first-screen/bare'),
    base: './',
    // As the app's build (electron-vite): no module-preload polyfill, Chromium has modulepreload.
    build: { outDir: path.join(staticDir, 'bare'), emptyOutDir: true, chunkSizeWarningLimit: 4000, modulePreload: { polyfill: false } },
  });
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
      return { ms, firstRow: name?.textContent?.trim() ?? '', scripts };
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

/** Warm-up of each side, then `runs` rounds alternating app and bare page; medians compared. */
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
    const bare = `${host.url}/bare/index.html`;
    const warmApp = await loadOnce(executablePath, app);
    const warmBare = await loadOnce(executablePath, bare);
    if (!warmBare.firstRow || !warmApp.firstRow.includes(warmBare.firstRow)) {
      throw new Error(`first rows differ: app "${warmApp.firstRow}", bare page "${warmBare.firstRow}"`);
    }
    progress(`  warm-up: app ${warmApp.ms.toFixed(0)} ms, bare ${warmBare.ms.toFixed(0)} ms (first row "${warmBare.firstRow}")`);
    const ours: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < options.runs; i++) {
      ours.push((await loadOnce(executablePath, app)).ms);
      baseline.push((await loadOnce(executablePath, bare)).ms);
      progress(`  round ${i + 1}/${options.runs}: app ${ours[i].toFixed(0)} ms, bare ${baseline[i].toFixed(0)} ms`);
    }
    return describe(root, median(ours), median(baseline), warmApp.scripts);
  } finally {
    if (child) await stopHost(child);
    removeDir(dir);
  }
}

/** The figure's extra lines and results.json fields: absolute time and the bundle. */
function describe(root: string, ours_ms: number, baseline_ms: number, scripts: PageLoad['scripts']): FigureOutcome {
  const chunks = bundleChunks(path.join(root, 'out/renderer'));
  const firstScreenBytes = scripts.reduce((sum, s) => sum + s.bytes, 0);
  const total = chunks.reduce((sum, c) => sum + c.bytes, 0);
  const within = ours_ms <= REFERENCE_MS ? 'within' : 'over';
  return {
    ours_ms,
    baseline_ms,
    notes: [
      `absolute ${Math.round(ours_ms)} ms (${within} the ${REFERENCE_MS} ms reference); first screen loads ${scripts.length} scripts, ${kB(firstScreenBytes)}`,
      `bundle: ${chunks.length} files, ${kB(total)}`,
      ...chunks.map((c) => `${c.file}: ${kB(c.bytes)}${c.initial ? ' (initial)' : ''}`),
    ],
    details: {
      reference_ms: REFERENCE_MS,
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
    'navigation to #/targets until the animation frame in which the 年度目标 grid\'s first row shows text. Baseline: a bare ' +
    'page from the same host (AG Grid community alone, built by Vite) that fetches the same data and shows the same rows ' +
    'and columns. Also prints the absolute time (reference 1000 ms) and the size of every renderer chunk.',
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
