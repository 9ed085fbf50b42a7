/**
 * The Chinese fonts PlanDesk ships (OFL 1.1, from the npm registry; README › Fonts) in the app
 * itself, under the names the printed pages use (core/reports/html/shipped-fonts.ts): 'PlanDesk
 * Sans' (Noto Sans SC) for the interface, 'PlanDesk Serif' (Noto Serif SC) for a 工作计划's 仿宋 and
 * 宋体 text, 'PlanDesk Kai' (LXGW WenKai) for its 楷体 headings. Each family comes after the fonts a
 * user's system has (微软雅黑, 仿宋_GB2312, 楷体 on Windows; PingFang on macOS) and before the
 * generic ones, so a machine without Chinese fonts still shows the document as it prints.
 *
 * fontsource's own CSS is not imported: it names a .woff fallback for every slice, which would
 * double what is bundled. Its rules are read at build time (?raw), renamed, and pointed at the
 * bundled .woff2 slices; a browser fetches a slice only when a character on screen needs it.
 * Added once the first screen is drawn (main.tsx): a font is never on the first screen's path.
 */
import sansCss from '@fontsource/noto-sans-sc/400.css?raw';
import serifCss from '@fontsource/noto-serif-sc/400.css?raw';
import kaiCss from '@fontsource/lxgw-wenkai/500.css?raw';

const FILES = import.meta.glob(
  [
    '../node_modules/@fontsource/noto-sans-sc/files/*-400-normal.woff2',
    '../node_modules/@fontsource/noto-serif-sc/files/*-400-normal.woff2',
    '../node_modules/@fontsource/lxgw-wenkai/files/*-500-normal.woff2',
  ],
  { query: '?url', import: 'default', eager: true },
) as Record<string, string>;

const urlOf = new Map(Object.entries(FILES).map(([path, url]) => [path.slice(path.lastIndexOf('/') + 1), url]));

/** fontsource's rules under our family name, each pointing at its bundled woff2 only. */
export function shippedFontFaces(css: string, from: string, to: string): string {
  return css
    .split('@font-face')
    .slice(1)
    .flatMap((block) => {
      const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(block)?.[1];
      const url = file ? urlOf.get(file) : undefined;
      if (!url) return [];
      const rule = block
        .replace(`font-family: '${from}'`, `font-family: '${to}'`)
        .replace(/src:[^;]+;/, `src: url(${url}) format('woff2');`)
        // The 500 cut of LXGW WenKai serves as its regular.
        .replace(/font-weight:\s*500;/, 'font-weight: 400;');
      return [`@font-face${rule}`];
    })
    .join('\n');
}

export const SHIPPED_FONT_CSS = [
  shippedFontFaces(sansCss, 'Noto Sans SC', 'PlanDesk Sans'),
  shippedFontFaces(serifCss, 'Noto Serif SC', 'PlanDesk Serif'),
  shippedFontFaces(kaiCss, 'LXGW WenKai', 'PlanDesk Kai'),
].join('\n');

export function installShippedFonts(): void {
  if (document.getElementById('pd-shipped-fonts')) return;
  const style = document.createElement('style');
  style.id = 'pd-shipped-fonts';
  style.textContent = SHIPPED_FONT_CSS;
  document.head.appendChild(style);
}
