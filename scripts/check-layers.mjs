// Checks the layering rules of DESIGN.md §2 on import statements:
//   src-shared imports nothing of node, electron, React, TypeORM or the DOM-bound libraries;
//   src-main/core never imports electron; nothing outside src-main/electron imports electron;
//   src-renderer never imports src-main.
//   the backend is cut by feature (src-main/core/<feature>/): one feature reaches another only
//   through its public index (core/<feature>/index.ts); the lowest layers (db, workspace, the
//   kernel files) import no feature; only dispatch and the hosts import the assembled app;
//   no SQL driver outside src-main/core/db, and no SQLite-only SQL in the backend.
// Exits 1 with the offending lines.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const IMPORT =
  /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;

function* sourceFiles(dir) {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(full);
    else if (/\.(ts|tsx|mts|cts)$/.test(entry.name)) yield full;
  }
}

const NODE_BUILTINS = new Set([
  'fs',
  'path',
  'os',
  'crypto',
  'events',
  'http',
  'https',
  'url',
  'util',
  'child_process',
  'stream',
  'buffer',
  'net',
  'worker_threads',
]);
const rules = [
  {
    folder: 'src-shared',
    why: 'src-shared stays pure: no node, electron, React, TypeORM or database driver',
    bad: (spec) =>
      spec.startsWith('node:') ||
      NODE_BUILTINS.has(spec) ||
      /^(electron|react|react-dom|typeorm|better-sqlite3|antd|ag-grid|echarts|exceljs|docx|playwright|playwright-core|@playwright|@tanstack|i18next|react-i18next)(\/|$)/.test(
        spec,
      ) ||
      /src-(main|renderer)/.test(spec),
  },
  {
    folder: 'src-main/core',
    why: 'core is host-agnostic: never electron',
    bad: (spec) => /^electron(\/|$)/.test(spec) || /\/electron\//.test(spec) || /\/(web|cli)\//.test(spec),
  },
  { folder: 'src-main/web', why: 'only the Electron shell imports electron', bad: (spec) => /^electron(\/|$)/.test(spec) },
  { folder: 'src-main/cli', why: 'only the Electron shell imports electron', bad: (spec) => /^electron(\/|$)/.test(spec) },
  {
    folder: 'src-renderer',
    why: 'the renderer reaches the backend only through src-renderer/api',
    bad: (spec) => /src-main/.test(spec) || spec.startsWith('node:') || /^electron(\/|$)/.test(spec),
  },
  { folder: 'tests/unit', why: 'nothing that tests load may import electron', bad: (spec) => /^electron(\/|$)/.test(spec) },
];

const CORE = path.join(root, 'src-main/core');
// Every folder of core but the database port is a feature: a new one is checked without a list.
const BACKEND_FEATURES = fs
  .readdirSync(CORE, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'db')
  .map((entry) => entry.name);
const LOWEST = ['db', 'workspace/open-workspace.ts', 'context.ts', 'events.ts', 'feature.ts', 'host-services.ts', 'app-content.ts'];

/** Where a core file sits: its feature folder, or null for core's own files. */
function coreFeatureOf(file) {
  const rel = path.relative(CORE, file);
  if (rel.startsWith('..')) return null;
  const top = rel.split(path.sep)[0];
  return BACKEND_FEATURES.includes(top) ? top : null;
}

/** Problems with a relative import inside src-main/core, or null. */
function coreImportProblem(file, spec) {
  if (!spec.startsWith('.')) return null;
  const target = path.resolve(path.dirname(file), spec);
  const rel = path.relative(CORE, target);
  if (rel.startsWith('..')) return null;
  const parts = rel.split(path.sep);
  const fromRel = path.relative(CORE, file);
  const fromFeature = coreFeatureOf(file);
  const lowest = LOWEST.some((l) => fromRel === l || fromRel.startsWith(l + path.sep));
  if (parts[0] === 'app' && parts.length === 1 && fromRel !== 'dispatch.ts') return 'only dispatch imports the assembled app (core/app.ts)';
  if (!BACKEND_FEATURES.includes(parts[0])) return null;
  const targetFeature = parts[0];
  if (lowest && !(fromFeature === 'workspace' && targetFeature === 'workspace')) {
    if (!(fromRel.startsWith('feature.ts') && spec.endsWith('workspace/open-workspace')))
      return 'the lowest layer (db, workspace opening, kernel) imports no feature';
  }
  if (fromFeature === targetFeature) return null;
  const throughIndex = parts.length === 1 || (parts.length === 2 && parts[1] === 'index');
  const openWorkspaceType = targetFeature === 'workspace' && parts[1] === 'open-workspace';
  if (!throughIndex && !openWorkspaceType) return `a feature is reached through its index: import '${fromFeature ? '../' : './'}${targetFeature}'`;
  return null;
}

const problems = [];
for (const file of sourceFiles(CORE)) {
  const text = fs.readFileSync(file, 'utf8');
  for (const match of text.matchAll(IMPORT)) {
    const spec = match[1] ?? match[2] ?? match[3] ?? match[4];
    const why = coreImportProblem(file, spec);
    if (why) {
      const line = text.slice(0, match.index).split('\n').length;
      problems.push(`${path.relative(root, file)}:${line}: imports '${spec}' (${why})`);
    }
  }
}
for (const rule of rules) {
  for (const file of sourceFiles(path.join(root, rule.folder))) {
    const text = fs.readFileSync(file, 'utf8');
    for (const match of text.matchAll(IMPORT)) {
      const spec = match[1] ?? match[2] ?? match[3] ?? match[4];
      if (rule.bad(spec)) {
        const line = text.slice(0, match.index).split('\n').length;
        problems.push(`${path.relative(root, file)}:${line}: imports '${spec}' (${rule.why})`);
      }
    }
  }
}

// The renderer is cut by feature too: one feature's folder, or the shell, reaches another feature
// only through its index.ts (features/index.ts is the registry that lists them all).
const RENDERER_FEATURES = path.join(root, 'src-renderer/features');
for (const file of sourceFiles(path.join(root, 'src-renderer'))) {
  const text = fs.readFileSync(file, 'utf8');
  const fromRel = path.relative(RENDERER_FEATURES, file);
  const fromFeature = fromRel.startsWith('..') ? null : fromRel.split(path.sep)[0];
  for (const match of text.matchAll(IMPORT)) {
    const spec = match[1] ?? match[2] ?? match[3] ?? match[4];
    if (!spec.startsWith('.')) continue;
    const rel = path.relative(RENDERER_FEATURES, path.resolve(path.dirname(file), spec));
    if (rel.startsWith('..') || rel === '' || rel === 'index') continue;
    const parts = rel.split(path.sep);
    if (parts[0] === fromFeature || parts.length === 1 || (parts.length === 2 && parts[1] === 'index')) continue;
    const line = text.slice(0, match.index).split('\n').length;
    problems.push(`${path.relative(root, file)}:${line}: imports '${spec}' (a renderer feature is reached through its index.ts)`);
  }
}

// The database port (DESIGN.md §2): SQL reaches the driver only through src-main/core/db, and
// features write portable SQL, so a PostgreSQL implementation can be added without touching them.
// The benchmarks are exempt: their baselines are raw better-sqlite3 by definition. So are the
// tests in tests/unit/db, for the driver only: they write files as another program would (a
// foreign database, damaged pages, a newer version's migrations) to see them refused.
const DB = path.join(CORE, 'db');
const DRIVER_TESTS = path.join(root, 'tests/unit/db');
const SQLITE_ONLY = [
  [/\bINSERT\s+OR\s+(IGNORE|REPLACE)\b|\bREPLACE\s+INTO\b/i, 'INSERT OR … / REPLACE INTO: use db.dialect.insertIgnore / upsert'],
  [/\browid\b/i, 'rowid: use db.dialect.insertionOrder()'],
  [/\bIS\s+(NOT\s+)?\?/i, 'IS ?: write IS [NOT] DISTINCT FROM ?'],
  [/\bjson_each\s*\(/i, 'json_each: use db.dialect.inList / listParam'],
  [/\btotal_changes\s*\(|\bdata_version\b/i, 'change counters: use db.changeStamp()'],
];
const SQL_LINE = /\b(SELECT|INSERT|UPDATE|DELETE|WHERE|VALUES|JOIN)\b/;
for (const folder of ['src-main', 'tests/unit']) {
  for (const file of sourceFiles(path.join(root, folder))) {
    if (file.startsWith(DB + path.sep)) continue;
    const text = fs.readFileSync(file, 'utf8');
    const where = (index) => `${path.relative(root, file)}:${text.slice(0, index).split('\n').length}`;
    for (const match of text.matchAll(IMPORT)) {
      const spec = match[1] ?? match[2] ?? match[3] ?? match[4];
      if (spec === 'better-sqlite3' && !file.startsWith(DRIVER_TESTS + path.sep))
        problems.push(`${where(match.index)}: imports 'better-sqlite3' (only src-main/core/db talks to the driver)`);
    }
    for (const match of text.matchAll(/\brawDatabase\s*\(|\bdatabaseConnection\b/g)) {
      problems.push(`${where(match.index)}: reaches the driver (${match[0]}; SQL goes through the database port, ws.db)`);
    }
    // Shipped migrations are SQLite DDL and are never edited; new ones use TypeORM's schema API.
    const migration = /[\\/]migrations[\\/]/.test(file);
    if (!migration && file.startsWith(path.join(root, 'src-main') + path.sep)) {
      for (const match of text.matchAll(/\bdataSource\s*\.\s*query\s*\(/g)) {
        problems.push(`${where(match.index)}: runs SQL through TypeORM's query() (use the database port, ws.db)`);
      }
    }
    if (!file.startsWith(CORE + path.sep) || migration) continue;
    for (const [pattern, why] of SQLITE_ONLY) {
      const match = pattern.exec(text);
      if (match) problems.push(`${where(match.index)}: SQLite-only SQL (${why})`);
    }
    // Parameters are `?` or `:name`: scan every template literal that reads as SQL.
    for (const literal of text.matchAll(/`[^`]*`/g)) {
      if (!SQL_LINE.test(literal[0])) continue;
      const param = /[\s(=,]([@$])[a-z]\w*/i.exec(literal[0]);
      if (param) problems.push(`${where(literal.index + param.index)}: ${param[1]}name parameter (write :name; the port maps it)`);
    }
  }
}

if (problems.length > 0) {
  console.error(`Layering rules broken (DESIGN.md §2):\n${problems.join('\n')}`);
  process.exit(1);
}
console.log('layers: ok (src-shared pure, core without electron, features through their index, SQL only through the database port, renderer without src-main)');
