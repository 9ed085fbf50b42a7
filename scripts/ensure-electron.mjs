#!/usr/bin/env node
/**
 * Makes sure the Electron binary is in node_modules/electron/dist before `npm start` hands over to
 * electron-vite, and says so plainly when it cannot be fetched.
 *
 *   node scripts/ensure-electron.mjs
 *
 * Why: electron 45 has no install script any more; it fetches its binary the first time
 * `require('electron')` runs (its index.js spawns its install.js). electron-vite never requires
 * it: it reads node_modules/electron/path.txt and, when that file is missing, stops with a bare
 * "Error: Electron uninstall" stack. So on a fresh `npm ci` nothing has fetched the binary yet.
 *
 * How: when the binary is missing (the same check as electron's install.js: path.txt, dist/version
 * and the executable), run electron's own install.js, which downloads through @electron/get
 * (honouring ELECTRON_MIRROR, electron_config_cache, …), checks the checksum, unzips into dist/
 * and writes path.txt. Its output is captured so a failure reads as two short paragraphs rather
 * than its stack; a line every 15 s shows the download is alive, since a piped child draws no
 * progress bar. ELECTRON_EXEC_PATH (electron-vite's own override) skips all of this.
 *
 * Exit 0 when the binary is there, 1 when it is not.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TICK_MS = 15_000;
const MIRROR_HINT = 'https://npmmirror.com/mirrors/electron/';

function log(message) {
  console.log(`[electron] ${message}`);
}

/** Stops `npm start` with the reason and the way on: the web host runs the same app without Electron. */
function fail(zh, en, detail) {
  const lines = [
    '',
    `${zh}，桌面版未启动。`,
    `  可运行 \`npm run web\`，在浏览器中使用同一应用；或设置 ELECTRON_MIRROR（例如 ${MIRROR_HINT}）后重新运行 \`npm start\`。`,
    `${en}, so the desktop app did not start.`,
    `  \`npm run web\` starts the same app in a browser; or set ELECTRON_MIRROR (e.g. ${MIRROR_HINT}) and run \`npm start\` again.`,
    ...(detail ? [`  原因 / reason: ${detail}`] : []),
    '',
  ];
  console.error(lines.join('\n'));
  process.exit(1);
}

/** What install.js calls the executable inside dist/ (its getPlatformPath). */
function platformPath() {
  const platform = process.env.ELECTRON_INSTALL_PLATFORM || process.env.npm_config_platform || os.platform();
  if (platform === 'darwin' || platform === 'mas') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  if (platform === 'linux' || platform === 'freebsd' || platform === 'openbsd') return 'electron';
  return undefined;
}

/** install.js's isInstalled(): when this says yes, install.js does nothing, and the reverse. */
function isInstalled(electronDir, version, executable) {
  try {
    if (fs.readFileSync(path.join(electronDir, 'dist', 'version'), 'utf8').replace(/^v/, '') !== version) return false;
    if (fs.readFileSync(path.join(electronDir, 'path.txt'), 'utf8') !== executable) return false;
  } catch {
    return false;
  }
  return fs.existsSync(path.join(electronDir, 'dist', executable));
}

/** The bytes downloaded so far: @electron/get writes the zip under the child's temp dir. */
function downloadedBytes(dir) {
  let total = 0;
  try {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
      if (entry.isFile() && entry.name.endsWith('.zip')) total += fs.statSync(path.join(entry.parentPath ?? entry.path, entry.name)).size;
    }
  } catch {
    // the temp dir is being created or cleaned up
  }
  return total;
}

/** The error's own words from install.js's `console.error(err.stack)`: no frames, at most two lines. */
function reasonFrom(output) {
  const lines = output
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '' && !/^\s+at /.test(line));
  return lines
    .slice(0, 2)
    .map((line) => (line.length > 300 ? `${line.slice(0, 300)}…` : line.trim()))
    .join(' — ');
}

function runInstaller(electronDir, tempDir) {
  return new Promise((resolve) => {
    // TMPDIR/TEMP/TMP: os.tmpdir() in the child, where @electron/get puts the zip it is fetching.
    const env = { ...process.env, TMPDIR: tempDir, TEMP: tempDir, TMP: tempDir };
    const child = spawn(process.execPath, [path.join(electronDir, 'install.js')], { cwd: electronDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk) => {
      output += chunk;
      if (output.length > 100_000) output = output.slice(-50_000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const started = Date.now();
    const ticker = setInterval(() => {
      const mb = (downloadedBytes(tempDir) / 1024 / 1024).toFixed(0);
      log(`… ${Math.round((Date.now() - started) / 1000)} s，已下载 / downloaded ${mb} MB`);
    }, TICK_MS);
    // Ctrl+C reaches the child too; a SIGTERM sent to this process alone is passed on.
    const forward = (signal) => child.kill(signal);
    process.on('SIGTERM', forward);
    process.on('SIGINT', forward);
    child.on('error', (error) => {
      clearInterval(ticker);
      resolve({ ok: false, output: error.message, signal: null });
    });
    child.on('close', (code, signal) => {
      clearInterval(ticker);
      process.off('SIGTERM', forward);
      process.off('SIGINT', forward);
      resolve({ ok: code === 0, output, signal });
    });
  });
}

async function main() {
  const override = process.env.ELECTRON_EXEC_PATH;
  if (override) {
    if (fs.existsSync(override)) return;
    fail(`ELECTRON_EXEC_PATH 指向的文件不存在（${override}）`, `ELECTRON_EXEC_PATH points to a missing file (${override})`);
  }

  const require = createRequire(path.join(ROOT, 'package.json'));
  let electronPkg;
  try {
    electronPkg = require.resolve('electron/package.json');
  } catch {
    fail('node_modules 中没有 electron（请先运行 `npm ci`）', 'electron is not in node_modules (run `npm ci` first)');
  }
  const electronDir = path.dirname(electronPkg);
  const { version } = JSON.parse(fs.readFileSync(electronPkg, 'utf8'));
  const executable = platformPath();
  if (!executable) fail(`Electron 没有此平台（${os.platform()}）的版本`, `Electron has no build for this platform (${os.platform()})`);
  if (isInstalled(electronDir, version, executable)) return;

  log(`正在下载 Electron ${version} 运行时（约 100 MB，只需一次）… / downloading the Electron ${version} runtime (about 100 MB, once)…`);
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-electron-'));
  let result;
  try {
    result = await runInstaller(electronDir, tempDir);
  } finally {
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
  if (result.signal) {
    // Stopped by the user (Ctrl+C): no advice, the next `npm start` tries again.
    console.error(`[electron] 下载已中断 / download interrupted (${result.signal})`);
    process.exit(1);
  }
  if (!result.ok) {
    fail(`无法下载 Electron 运行时（electron ${version}）`, `The Electron runtime (electron ${version}) could not be downloaded`, reasonFrom(result.output));
  }
  if (!isInstalled(electronDir, version, executable)) {
    fail(
      `Electron 安装程序已结束，但 node_modules/electron/dist/${executable} 仍不存在`,
      `The Electron installer finished but node_modules/electron/dist/${executable} is still missing`,
      reasonFrom(result.output),
    );
  }
  log(`Electron ${version} 已就绪 / ready: ${path.relative(ROOT, path.join(electronDir, 'dist', executable))}`);
}

main().catch((error) => fail('准备 Electron 运行时出错', 'Making the Electron runtime ready failed', error instanceof Error ? error.message : String(error)));
