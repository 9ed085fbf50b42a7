import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { ANTD_STYLESHEET_META } from './src-renderer/antd-stylesheet';

/**
 * The first script (main.tsx) is small and loads the app (app-root.tsx) and the start page
 * (年度目标) on demand: listing those chunks and the chunks they import as modulepreload in
 * index.html lets the browser fetch and compile them while the first script sends the first
 * requests, instead of after. Other pages still load only when opened.
 */
function preloadFirstScreen(modules: string[]): Plugin {
  return {
    name: 'plandesk:preload-first-screen',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, { bundle }) {
        const chunks = Object.values(bundle ?? {}).flatMap((c) => (c.type === 'chunk' ? [c] : []));
        const files = new Set<string>();
        const visit = (fileName: string) => {
          if (files.has(fileName) || html.includes(fileName)) return;
          files.add(fileName);
          chunks.find((c) => c.fileName === fileName)?.imports.forEach(visit);
        };
        for (const module of modules) {
          const chunk = chunks.find((c) => c.facadeModuleId === module);
          if (!chunk) throw new Error(`preload-first-screen: no chunk for ${module}`);
          visit(chunk.fileName);
        }
        return [...files].map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` }, injectTo: 'head' as const }));
      },
    },
  };
}

/**
 * antd's styles, made at build time (src-renderer/shell/antd-static-styles.tsx): the first
 * screen's inlined at the top of <head>, before the app's stylesheet (so the app's rules win where
 * both apply, as when antd inserted its styles there itself); all of them as a stylesheet that
 * index.html only names, for antd-stylesheet.ts to link once the first screen is drawn — linked
 * in the page, it would hold back every script until parsed. In development antd still generates
 * its styles in the browser (app-root.tsx turns zeroRuntime on in builds only).
 */
function antdStaticStyles(): Plugin {
  let fileName = '';
  let firstScreenCss = '';
  return {
    name: 'plandesk:antd-static-styles',
    apply: 'build',
    async buildStart() {
      const styles = await import('./src-renderer/shell/antd-static-styles');
      const css = styles.antdStaticStyles();
      firstScreenCss = styles.antdStaticStyles(styles.FIRST_SCREEN_ANTD_COMPONENTS);
      fileName = `assets/antd-${createHash('sha256').update(css).digest('hex').slice(0, 8)}.css`;
      this.emitFile({ type: 'asset', fileName, source: css });
    },
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        if (!fileName) throw new Error('antd-static-styles: the stylesheet was not built');
        // Before the app's stylesheet, after the entry script, so the script is fetched first.
        const appStylesheet = html.match(/<link rel="stylesheet"[^>]*>/);
        if (!appStylesheet) throw new Error("antd-static-styles: index.html links no stylesheet of the app's");
        const styles = `<meta name="${ANTD_STYLESHEET_META}" content="./${fileName}" />\n    <style>${firstScreenCss}</style>\n    `;
        return html.replace(appStylesheet[0], (link) => styles + link);
      },
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-main/electron/main.ts') },
        // Native addon and the ORM stay in node_modules and load at run time; so does subset-font,
        // whose HarfBuzz WebAssembly is read from beside it (the shipped fonts: core/reports/html/shipped-fonts.ts).
        external: ['better-sqlite3', 'typeorm', 'reflect-metadata', 'subset-font'],
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: { input: { index: resolve(__dirname, 'src-main/electron/preload.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    base: './',
    plugins: [
      react(),
      preloadFirstScreen([resolve(__dirname, 'src-renderer/app-root.tsx'), resolve(__dirname, 'src-renderer/features/targets/TargetsPage.tsx')]),
      antdStaticStyles(),
    ],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // electron-vite leaves the renderer unminified; minified, the first screen parses a
      // fraction of the code (bench/README.md, first-screen).
      minify: true,
      chunkSizeWarningLimit: 4000,
      rolldownOptions: {
        input: { index: resolve(__dirname, 'src-renderer/index.html') },
        // The big libraries in chunks of their own name, so the chunk list (bench first-screen)
        // says where each is; each still loads only with the pages that use it.
        output: {
          codeSplitting: {
            groups: [
              { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
              { name: 'ag-grid', test: /node_modules[\\/](ag-grid-community|ag-grid-react|ag-stack)[\\/]/ },
              { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/ },
            ],
          },
        },
      },
    },
  },
});
