#!/usr/bin/env node
/**
 * Builds an Electron copy of better-sqlite3 into `.electron-native/better_sqlite3.node`, leaving
 * node_modules/better-sqlite3/build (the Node build that tests, CLI and web host use) untouched.
 *
 *   node scripts/electron-native.mjs           build when missing or stale
 *   node scripts/electron-native.mjs --force   rebuild anyway
 *
 * How: copy node_modules/better-sqlite3 (without its build/) into a temp dir, fetch Electron's
 * headers with node-gyp (60 s timeout), run `node-gyp rebuild` there against them, copy the .node
 * file out and record what it was built for in `.electron-native/version.txt`.
 * Any failure (typically: no network for the headers) prints a short bilingual warning (no stack)
 * and exits 0, so `npm start` still proceeds; the app then warns that the addon is missing.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = path.join(ROOT, '.electron-native');
const OUT_FILE = path.join(OUT_DIR, 'better_sqlite3.node');
const VERSION_FILE = path.join(OUT_DIR, 'version.txt');
const SOURCE_DIR = path.join(ROOT, 'node_modules', 'better-sqlite3');
const HEADERS_URL = 'https://electronjs.org/headers';
const HEADERS_TIMEOUT_MS = 60_000;
const BUILD_TIMEOUT_MS = 15 * 60_000;

const force = process.argv.includes('--force');

function log(message) {
  console.log(`[electron-native] ${message}`);
}

/** `zh` and `en` say what failed; `detail` is the tool's own output, indented, when there is some. */
function warnAndExit(zh, en, detail) {
  console.warn(`[electron-native] 警告：${zh}`);
  console.warn(`[electron-native] WARNING: ${en}`);
  if (detail) console.warn(detail);
  console.warn(
    '[electron-native] 缺少 Electron 版的 better-sqlite3：桌面版将无法打开工作区（测试、CLI 和 `npm run web` 不受影响）。' +
      '联网后重新运行 `node scripts/electron-native.mjs`。',
  );
  console.warn(
    '[electron-native] The Electron build of better-sqlite3 is missing: the desktop app will not be able to open ' +
      'its workspace (tests, CLI and `npm run web` are unaffected). Re-run `node scripts/electron-native.mjs` with network access.',
  );
  process.exit(0);
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function findNodeGyp() {
  const require = createRequire(path.join(ROOT, 'package.json'));
  const candidates = [];
  try {
    candidates.push(require.resolve('node-gyp/bin/node-gyp.js'));
  } catch {
    // not a direct or hoisted dependency
  }
  // npm bundles node-gyp next to itself.
  const npmDir = path.resolve(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm');
  candidates.push(path.join(npmDir, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  if (process.env.npm_execpath) {
    candidates.push(path.join(path.dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  }
  return candidates.find((file) => fs.existsSync(file));
}

/**
 * node-gyp lets `npm_config_*` variables override its command-line flags, and this machine's npm
 * config sets `nodedir` (Node's headers): drop those so the Electron target really applies.
 */
function childEnv(target, arch) {
  const env = { ...process.env };
  const overridden = /^npm_config_(nodedir|target|target_arch|arch|dist_url|disturl|runtime|devdir|build_from_source)$/i;
  for (const key of Object.keys(env)) if (overridden.test(key)) delete env[key];
  Object.assign(env, {
    npm_config_target: target,
    npm_config_arch: arch,
    npm_config_dist_url: HEADERS_URL,
    npm_config_runtime: 'electron',
  });
  return env;
}

function run(command, args, { cwd, env, timeoutMs, label }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk) => {
      output += chunk;
      if (output.length > 200_000) output = output.slice(-100_000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => {
      output += `\n${label} timed out after ${Math.round(timeoutMs / 1000)} s`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ ok: false, output: `${output}\n${error.message}` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ ok: code === 0, output: signal ? `${output}\n(killed by ${signal})` : output });
    });
  });
}

/** The informative part of node-gyp's output: drops its banner, stack frames and environment dump. */
function tail(text, lines = 12) {
  const noise = /^gyp (info|WARN)|ERR! (stack\s+at |System |command |cwd |node -v|node-gyp -v|not ok)/;
  return text
    .trim()
    .split('\n')
    .filter((line) => line.trim() !== '' && (!noise.test(line) || /gyp info (spawn|using node-gyp)/.test(line)))
    .slice(-lines)
    .map((line) => `    ${line}`)
    .join('\n');
}

async function main() {
  if (!fs.existsSync(SOURCE_DIR)) {
    warnAndExit('node_modules 中没有 better-sqlite3（请运行 npm ci）。', 'node_modules/better-sqlite3 is not installed (run npm ci).');
  }
  const electronPkg = path.join(ROOT, 'node_modules', 'electron', 'package.json');
  if (!fs.existsSync(electronPkg)) warnAndExit('node_modules 中没有 electron（请运行 npm ci）。', 'node_modules/electron is not installed (run npm ci).');

  const electronVersion = readJson(electronPkg).version;
  const sqliteVersion = readJson(path.join(SOURCE_DIR, 'package.json')).version;
  const arch = process.env.PLANDESK_ELECTRON_ARCH || process.arch;
  const tag = `electron=${electronVersion} better-sqlite3=${sqliteVersion} ${process.platform}-${arch}`;

  if (!force && fs.existsSync(OUT_FILE) && fs.existsSync(VERSION_FILE) && fs.readFileSync(VERSION_FILE, 'utf8').trim() === tag) {
    log(`已是最新 / up to date (${tag}): ${path.relative(ROOT, OUT_FILE)}`);
    return;
  }

  const nodeGyp = findNodeGyp();
  if (!nodeGyp) warnAndExit('找不到 node-gyp（node_modules 和 npm 自带的都没有）。', 'node-gyp not found (neither in node_modules nor bundled with npm).');

  log(
    `为 Electron ${electronVersion} 编译 better-sqlite3 ${sqliteVersion} / building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${process.platform}-${arch})`,
  );
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-electron-native-'));
  const cleanup = () => fs.rmSync(work, { recursive: true, force: true });
  try {
    const copy = path.join(work, 'better-sqlite3');
    // Copy sources only: the Node build in node_modules/better-sqlite3/build stays as it is.
    fs.cpSync(SOURCE_DIR, copy, {
      recursive: true,
      filter: (src) => path.relative(SOURCE_DIR, src).split(path.sep)[0] !== 'build',
    });

    const env = childEnv(electronVersion, arch);
    const devdir = path.join(os.homedir(), '.electron-gyp');
    const common = [`--target=${electronVersion}`, `--arch=${arch}`, `--dist-url=${HEADERS_URL}`, `--devdir=${devdir}`];

    log(`下载 Electron 头文件 / fetching Electron headers: ${HEADERS_URL} (${HEADERS_TIMEOUT_MS / 1000} s)`);
    const headers = await run(process.execPath, [nodeGyp, 'install', ...common], {
      cwd: copy,
      env,
      timeoutMs: HEADERS_TIMEOUT_MS,
      label: 'header download',
    });
    if (!headers.ok) {
      cleanup();
      warnAndExit(
        '无法下载 Electron 头文件（未联网？）。node-gyp 的输出：',
        'could not fetch Electron headers (no network?). node-gyp said:',
        tail(headers.output),
      );
    }

    log('编译中（一两分钟） / compiling (a minute or two)…');
    const started = Date.now();
    const build = await run(process.execPath, [nodeGyp, 'rebuild', '--release', `--jobs=${os.cpus().length}`, ...common], {
      cwd: copy,
      env,
      timeoutMs: BUILD_TIMEOUT_MS,
      label: 'build',
    });
    const built = path.join(copy, 'build', 'Release', 'better_sqlite3.node');
    if (!build.ok || !fs.existsSync(built)) {
      cleanup();
      warnAndExit('node-gyp 编译失败：', 'node-gyp rebuild failed:', tail(build.output, 20));
    }

    fs.mkdirSync(OUT_DIR, { recursive: true });
    fs.copyFileSync(built, OUT_FILE);
    fs.writeFileSync(VERSION_FILE, `${tag}\n`);
    cleanup();
    log(`已写入 / wrote ${path.relative(ROOT, OUT_FILE)}: ${Math.round((Date.now() - started) / 1000)} s (${tag})`);
  } catch (error) {
    cleanup();
    throw error;
  }
}

// Whatever fails, `npm start` goes on and says why in a line, not a stack.
await main().catch((error) => warnAndExit('意外错误：', 'unexpected failure:', `    ${error instanceof Error ? error.message : String(error)}`));
