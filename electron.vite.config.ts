import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

/**
 * The window opens on the start page (年度目标), whose code is a chunk loaded on demand: listing it
 * and the chunks it imports as modulepreload in index.html lets the browser fetch and compile them
 * while the entry still runs, instead of after. Other pages still load only when opened.
 */
function preloadStartPage(pageModule: string): Plugin {
  return {
    name: 'plandesk:preload-start-page',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, { bundle }) {
        const chunks = Object.values(bundle ?? {}).flatMap((c) => (c.type === 'chunk' ? [c] : []));
        const page = chunks.find((c) => c.facadeModuleId === pageModule);
        if (!page) throw new Error(`preload-start-page: no chunk for ${pageModule}`);
        const files = new Set<string>();
        const visit = (fileName: string) => {
          if (files.has(fileName) || html.includes(fileName)) return;
          files.add(fileName);
          chunks.find((c) => c.fileName === fileName)?.imports.forEach(visit);
        };
        visit(page.fileName);
        return [...files].map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` }, injectTo: 'head' as const }));
      },
    },
  };
}

/**
 * antd's CSS for the first screen, rendered at build time (src-renderer/shell/first-screen-styles.tsx)
 * and put at the top of <head> (after the charset, before the app's stylesheet) marked as antd
 * marks its own style tags, so the styles antd still generates in the browser (other components)
 * queue up after it, in the order antd would have given them.
 */
function firstScreenAntdStyles(): Plugin {
  return {
    name: 'plandesk:first-screen-antd-styles',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      async handler(html) {
        const { firstScreenStyles } = await import('./src-renderer/shell/first-screen-styles');
        const charset = '<meta charset="UTF-8" />';
        if (!html.includes(charset)) throw new Error('first-screen-antd-styles: index.html has no charset line');
        const style = `<style data-rc-order="prependQueue" data-rc-priority="-999">${firstScreenStyles()}</style>`;
        return html.replace(charset, () => `${charset}\n    ${style}`);
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
        // Native addon and the ORM stay in node_modules and load at run time.
        external: ['better-sqlite3', 'typeorm', 'reflect-metadata'],
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
    plugins: [react(), preloadStartPage(resolve(__dirname, 'src-renderer/features/targets/TargetsPage.tsx')), firstScreenAntdStyles()],
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
