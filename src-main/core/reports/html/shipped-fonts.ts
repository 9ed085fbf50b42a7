/**
 * The Chinese fonts PlanDesk ships (OFL 1.1, TrueType outlines, from the npm registry) as
 * @font-face rules inside a printed page, so a preview and a PDF look the same on every machine
 * and every PDF embeds real fonts. Chromium's PDF backend embeds CFF-outline fonts (the system's
 * Noto CJK, Source Han) as Type 3, which prints blurry or wrong on some devices and fails archive
 * checks; glyf-outline fonts embed as CID TrueType (../shared/TOOLCHAIN.md).
 *
 * - 'PlanDesk Serif': Noto Serif SC (@fontsource/noto-serif-sc), for 宋体/仿宋 text;
 * - 'PlanDesk Sans': Noto Sans SC (@fontsource/noto-sans-sc), for 黑体 headings and tables;
 * - 'PlanDesk Kai': LXGW WenKai (@fontsource/lxgw-wenkai), for 楷体.
 *
 * A page carries only what its text needs: of the Noto fonts, which fontsource cuts into ~100
 * unicode-range slices a weight, the slices holding a character of the page (a report of some
 * 300 distinct characters takes about 20 a weight); LXGW WenKai, one 7 MB file, is cut to the
 * page's characters with subset-font (HarfBuzz) first. Pages are printed with the network off,
 * so the fonts travel as data: URLs.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type ShippedFamily = 'serif' | 'sans' | 'kai';

export const SHIPPED_FAMILY_NAMES: Record<ShippedFamily, string> = {
  serif: 'PlanDesk Serif',
  sans: 'PlanDesk Sans',
  kai: 'PlanDesk Kai',
};

interface SliceFace {
  file: string;
  weight: number;
  /** Code point ranges, inclusive; the rule's unicode-range text as written. */
  ranges: Array<[number, number]>;
  rangeText: string;
}

// Resolved at run time from node_modules (the packages are dependencies, shipped with the app).
const requireHere = createRequire(typeof __filename === 'string' ? __filename : path.join(process.cwd(), 'index.js'));

function packageFile(pkg: string, file: string): string {
  return requireHere.resolve(`${pkg}/${file}`);
}

function parseRanges(text: string): Array<[number, number]> {
  return text.split(',').map((part) => {
    const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
    return [parseInt(from, 16), parseInt(to ?? from, 16)];
  });
}

/** The @font-face rules of a fontsource weight CSS (400.css): each slice's file and range. */
function sliceFaces(pkg: string, weight: number): SliceFace[] {
  const cssFile = packageFile(pkg, `${weight}.css`);
  const css = fs.readFileSync(cssFile, 'utf8');
  const faces: SliceFace[] = [];
  for (const block of css.split('@font-face').slice(1)) {
    const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(block)?.[1];
    const range = /unicode-range:\s*([^;}]+)/.exec(block)?.[1]?.trim();
    if (!file) continue;
    faces.push({ file: path.join(path.dirname(cssFile), 'files', file), weight, ranges: range ? parseRanges(range) : [[0, 0x10ffff]], rangeText: range ?? '' });
  }
  return faces;
}

const SLICED: Record<'serif' | 'sans', string> = { serif: '@fontsource/noto-serif-sc', sans: '@fontsource/noto-sans-sc' };
/** Regular and bold: what reports and documents use (a bold title, table headers). */
const WEIGHTS = [400, 700] as const;
/** LXGW WenKai ships 300, 500 and 700; its 500 is the regular text weight. */
const KAI_FILES = { 400: 'lxgw-wenkai-latin-500-normal.woff2', 700: 'lxgw-wenkai-latin-700-normal.woff2' } as const;

let slices: Map<'serif' | 'sans', SliceFace[]> | null = null;
const fileData = new Map<string, string>();

function slicesOf(family: 'serif' | 'sans'): SliceFace[] {
  slices ??= new Map((['serif', 'sans'] as const).map((f) => [f, WEIGHTS.flatMap((w) => sliceFaces(SLICED[f], w))]));
  return slices.get(family)!;
}

function base64Of(file: string): string {
  let data = fileData.get(file);
  if (data === undefined) fileData.set(file, (data = fs.readFileSync(file).toString('base64')));
  return data;
}

const face = (family: ShippedFamily, weight: number, base64: string, range?: string) =>
  `@font-face { font-family: '${SHIPPED_FAMILY_NAMES[family]}'; font-style: normal; font-weight: ${weight}; font-display: block; ` +
  `src: url(data:font/woff2;base64,${base64}) format('woff2')${range ? `; unicode-range: ${range}` : ''} }`;

/** The code points of a page's text (tags and entities aside). */
export function codePointsOf(html: string): Set<number> {
  const text = html
    .replace(/<style[\s\S]*?<\/style>/gi, '')
    .replace(/<[^>]+>/g, ' ')
    // One pass: a decoded & must not start another reference (escapeHtml writes & as &#38;).
    .replace(/&#(x[0-9a-f]+|\d+);/gi, (ref, n: string) => {
      const cp = n[0] === 'x' || n[0] === 'X' ? parseInt(n.slice(1), 16) : Number(n);
      return cp >= 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : ref;
    });
  return new Set([...text].map((ch) => ch.codePointAt(0)!));
}

// subset-font (HarfBuzz compiled to WebAssembly) loads only when a page uses 楷体.
type Subset = typeof import('subset-font');
let subsetFont: Promise<Subset> | null = null;
const kaiFonts = new Map<number, Buffer>();

async function kaiFaces(text: string): Promise<string[]> {
  subsetFont ??= import('subset-font').then((m) => ((m as { default?: Subset }).default ?? m) as Subset);
  const subset = await subsetFont;
  const rules: string[] = [];
  for (const weight of WEIGHTS) {
    let font = kaiFonts.get(weight);
    if (!font) kaiFonts.set(weight, (font = fs.readFileSync(packageFile('@fontsource/lxgw-wenkai', `files/${KAI_FILES[weight]}`))));
    rules.push(face('kai', weight, (await subset(font, text, { targetFormat: 'woff2' })).toString('base64')));
  }
  return rules;
}

/**
 * The @font-face rules for a page's text in the shipped families it uses: every slice of Noto
 * Serif SC / Sans SC (regular and bold) with a character of the text, and LXGW WenKai cut to the
 * text when `kai` is asked for.
 */
export async function shippedFontCss(html: string, families: ReadonlySet<ShippedFamily>): Promise<string> {
  const used = codePointsOf(html);
  const points = [...used];
  const rules: string[] = [];
  for (const family of ['serif', 'sans'] as const) {
    if (!families.has(family)) continue;
    for (const slice of slicesOf(family))
      if (points.some((cp) => slice.ranges.some(([from, to]) => cp >= from && cp <= to)))
        rules.push(face(family, slice.weight, base64Of(slice.file), slice.rangeText));
  }
  if (families.has('kai')) rules.push(...(await kaiFaces(String.fromCodePoint(...points))));
  return rules.join('\n');
}

/** A page with the shipped fonts its text needs, as the first rules of its <head>. */
export async function withShippedFonts(html: string, families: ReadonlySet<ShippedFamily> = new Set(['serif', 'sans'])): Promise<string> {
  const css = await shippedFontCss(html, families);
  return html.replace(/<head>/i, `<head><style>${css}</style>`);
}
