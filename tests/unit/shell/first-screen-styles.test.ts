/**
 * The first screen is drawn with antd's styles for it inlined in index.html and antd's runtime
 * style generation off (shell/antd-static-styles.tsx): an antd component it renders that is not in
 * FIRST_SCREEN_ANTD_COMPONENTS would show unstyled. This follows the static imports of the app
 * root and the start page (not their lazily loaded chunks, which wait for the full stylesheet)
 * and checks every antd component they import is in the list.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIRST_SCREEN_ANTD_COMPONENTS } from '../../../src-renderer/shell/antd-static-styles';
import { PAGES } from '../../../src-renderer/shell/registry';

const RENDERER = path.resolve(__dirname, '../../../src-renderer');
const STATIC_IMPORT = /^import\s+(?!type\b)([^'"]*?)\s+from\s+'([^']+)';/gms;

function resolveModule(from: string, specifier: string): string | null {
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** The antd names a module graph imports by value, following relative static imports only. */
function antdImports(entries: string[]): Set<string> {
  const names = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const [, clause, specifier] of fs.readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) {
      if (specifier === 'antd') {
        for (const part of clause.replace(/[{}]/g, '').split(',')) {
          const name = part.trim().split(/\s+as\s+/)[0];
          if (name && !name.startsWith('type ')) names.add(name);
        }
      } else if (specifier.startsWith('.')) {
        const target = resolveModule(file, specifier);
        if (target?.startsWith(RENDERER)) visit(target);
      }
    }
  };
  entries.forEach(visit);
  return names;
}

describe('first-screen antd styles', () => {
  it('cover every antd component the app root and the start page import', () => {
    expect(PAGES[0].key).toBe('targets');
    const used = antdImports([path.join(RENDERER, 'main.tsx'), path.join(RENDERER, 'app-root.tsx'), path.join(RENDERER, 'features/targets/TargetsPage.tsx')]);
    // The walk is real: the shell's and the page's components are found.
    expect([...used]).toEqual(expect.arrayContaining(['ConfigProvider', 'Empty', 'message']));
    expect([...used].filter((name) => !(FIRST_SCREEN_ANTD_COMPONENTS as readonly string[]).includes(name))).toEqual([]);
  });
});
