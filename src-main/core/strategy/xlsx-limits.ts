/**
 * The limits an imported XLSX is held to, and the zip reading the import does itself. An XLSX is
 * a zip; ExcelJS inflates every part of it into memory and builds every cell of every sheet, so a
 * 3 MB file whose zip holds 3 GB took 6.4 GB and 41 s. Here each part is inflated once with an
 * output cap (node's zlib stops at the cap instead of trusting the sizes the zip declares, which a
 * crafted file can understate) and counted, so a file over a limit is refused with the limit it
 * exceeds before any of it is parsed. Then ExcelJS is given only the first rows of each sheet and
 * the one sheet the table is on, held to SHEET_LIMITS first (xlsx-table-reader.ts), in zips
 * written here from the file's own parts (writeZip).
 */
import path from 'node:path';
import zlib from 'node:zlib';

export const XLSX_LIMITS = {
  /** Parts (files) in the zip: a workbook has a few dozen. */
  entries: 2_000,
  /** One part, inflated: a sheet's XML or its shared strings. */
  entryBytes: 14_000_000,
  /** All parts together, inflated. */
  totalBytes: 40_000_000,
} as const;

/**
 * What ExcelJS may build of the table's sheet, checked on its XML before it is given it. The bytes
 * do not bound the memory: ExcelJS holds some 1 kB per cell while it loads (the parsed model and
 * the cells at once), and a cell can take 15 bytes of XML. A strategy table has a few thousand
 * rows; the largest these accept, 19,980 rows of 10 filled cells (9.9 MB of sheet and 5.7 MB of
 * shared strings unpacked), is read and written in about 3.7 s with 200 to 225 MB more at the peak,
 * the edit log's step included (measured in a process of its own, strategy-import-limits.test.ts).
 */
export const SHEET_LIMITS = {
  /** The table's sheet's last row (a merged range's included): the reader walks every row to it. */
  rows: 100_000,
  /**
   * Cells with a value (empty ones, a border or a fill, are not built), a merged range counting
   * every cell it covers (ExcelJS builds them all): the table's sheet's, and the first rows of all
   * sheets together.
   */
  cells: 200_000,
} as const;

export type XlsxLimit = keyof typeof XLSX_LIMITS;
export type SheetLimit = keyof typeof SHEET_LIMITS;

/** One part of the zip, as its directory describes it, with its stored (compressed) bytes. */
export interface ZipPart {
  /** As the directory spells it ('xl/worksheets/sheet1.xml'; some writers lead with '/'). */
  name: string;
  nameBytes: Buffer;
  flags: number;
  method: number;
  crc: number;
  /** Declared inflated size (what ExcelJS's unzip checks the part against). */
  size: number;
  data: Buffer;
}

export type XlsxCheck = { ok: true; totalBytes: number; parts: ZipPart[] } | { ok: false; limit: XlsxLimit | 'not-a-zip'; detail: string };

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
/** The data descriptor flag: the sizes follow the data. The parts written here state them up front. */
const SIZES_AFTER_DATA = 0x0008;

/** Checks the zip against XLSX_LIMITS by inflating each part with a cap; reads, never keeps, the output. */
export function checkXlsxLimits(bytes: Buffer): XlsxCheck {
  const end = findEndOfDirectory(bytes);
  if (end < 0) return { ok: false, limit: 'not-a-zip', detail: 'no zip directory' };
  const count = bytes.readUInt16LE(end + 10);
  if (count > XLSX_LIMITS.entries) return { ok: false, limit: 'entries', detail: `${count} parts` };
  let at = bytes.readUInt32LE(end + 16);
  let total = 0;
  const parts: ZipPart[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== DIRECTORY_ENTRY) return { ok: false, limit: 'not-a-zip', detail: 'broken zip directory' };
    const method = bytes.readUInt16LE(at + 10);
    const compressed = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const entryEnd = at + 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength);
    const name = nameBytes.toString('utf8');
    const data = storedData(bytes, bytes.readUInt32LE(at + 42), compressed);
    const inflated = typeof data === 'string' ? data : inflatedSize(data, method, Math.min(XLSX_LIMITS.entryBytes, XLSX_LIMITS.totalBytes - total));
    if (inflated === 'broken') return { ok: false, limit: 'not-a-zip', detail: `unreadable part ${name}` };
    if (inflated === 'over') {
      const limit: XlsxLimit = XLSX_LIMITS.totalBytes - total < XLSX_LIMITS.entryBytes ? 'totalBytes' : 'entryBytes';
      return { ok: false, limit, detail: name };
    }
    total += inflated;
    parts.push({
      name,
      nameBytes,
      flags: bytes.readUInt16LE(at + 8),
      method,
      crc: bytes.readUInt32LE(at + 16),
      size: bytes.readUInt32LE(at + 24),
      data: data as Buffer,
    });
    at = entryEnd;
  }
  return { ok: true, totalBytes: total, parts };
}

function findEndOfDirectory(bytes: Buffer): number {
  // The record is 22 bytes plus a comment of up to 65,535 bytes, at the very end.
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === END_OF_DIRECTORY) return i;
  }
  return -1;
}

function storedData(bytes: Buffer, headerAt: number, compressed: number): Buffer | 'over' | 'broken' {
  if (headerAt + 30 > bytes.length || bytes.readUInt32LE(headerAt) !== LOCAL_HEADER) return 'broken';
  const dataAt = headerAt + 30 + bytes.readUInt16LE(headerAt + 26) + bytes.readUInt16LE(headerAt + 28);
  // ZIP64 marks sizes as 0xFFFFFFFF; no spreadsheet within the limits needs it.
  if (compressed === 0xffffffff) return 'over';
  if (dataAt + compressed > bytes.length) return 'broken';
  return bytes.subarray(dataAt, dataAt + compressed);
}

function inflatedSize(data: Buffer, method: number, cap: number): number | 'over' | 'broken' {
  if (method === STORED) return data.length > cap ? 'over' : data.length;
  if (method !== DEFLATED) return 'broken';
  try {
    return zlib.inflateRawSync(data, { maxOutputLength: Math.max(cap, 1) }).length;
  } catch (error) {
    return (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError ? 'over' : 'broken';
  }
}

/** A part inflated whole (checkXlsxLimits has bounded it). */
export function inflatePart(part: ZipPart): Buffer {
  return part.method === STORED ? part.data : zlib.inflateRawSync(part.data, { maxOutputLength: XLSX_LIMITS.entryBytes });
}

/**
 * The beginning of a part: inflated from a growing prefix of its stored bytes (64 kB, 256 kB, …)
 * until `enough` says the text so far holds what the caller looks for, or the part ends. A sync
 * flush lets zlib return what a prefix holds instead of refusing the stream as truncated.
 */
export function inflateStart(part: ZipPart, enough: (start: Buffer) => boolean): Buffer {
  if (part.method === STORED) return part.data;
  for (let take = 64 * 1024; ; take *= 4) {
    if (take >= part.data.length) return inflatePart(part);
    const start = zlib.inflateRawSync(part.data.subarray(0, take), {
      finishFlush: zlib.constants.Z_SYNC_FLUSH,
      maxOutputLength: XLSX_LIMITS.entryBytes,
    });
    if (enough(start)) return start;
  }
}

/** A part written here (a sheet's XML cut or without its empty cells, some of the shared strings), stored as it is. */
export interface NewPart {
  name: string;
  content: Buffer;
}

/**
 * A zip of the given parts: the file's own copied as they are stored (not inflated), new ones
 * stored uncompressed. What ExcelJS is given instead of the file, so it reads only these parts.
 */
export function writeZip(parts: Array<ZipPart | NewPart>): Buffer {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const entry =
      'content' in part
        ? {
            nameBytes: Buffer.from(part.name, 'utf8'),
            flags: 0x0800,
            method: STORED,
            crc: zlib.crc32(part.content),
            size: part.content.length,
            data: part.content,
          }
        : { ...part, flags: part.flags & ~SIZES_AFTER_DATA };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(entry.flags, 6);
    local.writeUInt16LE(entry.method, 8);
    local.writeUInt32LE(entry.crc, 14);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(entry.size, 22);
    local.writeUInt16LE(entry.nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(DIRECTORY_ENTRY, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(entry.flags, 8);
    central.writeUInt16LE(entry.method, 10);
    central.writeUInt32LE(entry.crc, 16);
    central.writeUInt32LE(entry.data.length, 20);
    central.writeUInt32LE(entry.size, 24);
    central.writeUInt16LE(entry.nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, entry.nameBytes, entry.data);
    directory.push(central, entry.nameBytes);
    offset += 30 + entry.nameBytes.length + entry.data.length;
  }
  const directorySize = directory.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_DIRECTORY, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...directory, end]);
}

// ---------------------------------------------------------------------------------------------
// A sheet's XML, read as text (latin1: one character a byte, so that offsets are the bytes')

/** A sheet's XML up to its first `rows` rows, closed; the whole XML when it has no sheetData to cut. */
export function firstRowsOf(sheet: ZipPart, rows: number): Buffer {
  const start = inflateStart(sheet, (text) => findCut(text.toString('latin1'), rows) !== null);
  const cut = findCut(start.toString('latin1'), rows);
  if (!cut) return start;
  return Buffer.concat([start.subarray(0, cut.at), Buffer.from(cut.close, 'latin1')]);
}

const ROW_OR_END = /<row\b([^>]*)>|<\/sheetData>/g;
const CELL = /<c\b/g;
const EMPTY_CELL = /<c\b[^>]*\/>/g;

/** The XML without its cells that hold no value (a border, a fill): they read as empty either way. */
export const withoutEmptyCells = (xml: string) => xml.replace(EMPTY_CELL, '');
const MERGE = /<mergeCell\b[^>]*?\bref\s*=\s*["']([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?["']/g;

/** A row's number as ExcelJS reads it (parseInt of r; without one, the row is not placed). */
const rowNumber = (attributes: string) => Number(/(?:^|\s)r\s*=\s*["'](\d+)["']/.exec(attributes)?.[1] ?? NaN);

/**
 * Where to cut a sheet's XML after its first rows, and what closes it: before the first row past
 * `rows` (Excel writes rows in order) or at the end of sheetData. Null when the text does not yet
 * hold either.
 */
function findCut(text: string, rows: number): { at: number; close: string } | null {
  const data = /<sheetData\b[^>]*?(\/?)>/.exec(text);
  const root = /<(?![?!])([^\s/>]+)/.exec(text)?.[1];
  if (!data || !root) return null;
  if (data[1] === '/') return { at: data.index + data[0].length, close: `</${root}>` };
  ROW_OR_END.lastIndex = data.index;
  for (let m = ROW_OR_END.exec(text); m; m = ROW_OR_END.exec(text)) {
    if (m[1] === undefined || rowNumber(m[1]) > rows) return { at: m.index, close: `</sheetData></${root}>` };
  }
  return null;
}

const SHARED_STRING_CELL = /<c\b([^>]*)(?<!\/)>([\s\S]*?)<\/c>/g;
const SHARED = /(?:^|\s)t\s*=\s*["']s["']/;
const STRING_ITEM = /<si\b[^>]*?(?:\/>|>[\s\S]*?<\/si>)/g;

/**
 * A sheet's XML with its shared-string cells renumbered into `used` (the file's index → the
 * subset's, in the order met), so that ExcelJS is given only the strings it shows.
 */
export function renumberStrings(xml: string, used: Map<number, number>): string {
  return xml.replace(SHARED_STRING_CELL, (cell, attributes: string, content: string) => {
    if (!SHARED.test(attributes)) return cell;
    const value = /<v>\s*(\d+)\s*<\/v>/.exec(content);
    if (!value) return cell;
    const index = Number(value[1]);
    let renumbered = used.get(index);
    if (renumbered === undefined) used.set(index, (renumbered = used.size));
    return `<c${attributes}>${content.replace(value[0], `<v>${renumbered}</v>`)}</c>`;
  });
}

/** How many different shared strings the sheets' XML use. */
export function stringsUsed(sheets: string[]): number {
  const used = new Set<number>();
  for (const xml of sheets) {
    SHARED_STRING_CELL.lastIndex = 0;
    for (let m = SHARED_STRING_CELL.exec(xml); m; m = SHARED_STRING_CELL.exec(xml)) {
      const value = SHARED.test(m[1]) ? /<v>\s*(\d+)\s*<\/v>/.exec(m[2]) : null;
      if (value) used.add(Number(value[1]));
    }
  }
  return used.size;
}

/** The strings in the shared strings part, as its uniqueCount says (Excel and ExcelJS write it); NaN when it does not. */
export function stringCount(part: ZipPart): number {
  const open = (text: Buffer) => /<sst\b[^>]*>/.exec(text.toString('latin1'));
  const tag = open(inflateStart(part, (start) => open(start) !== null))?.[0] ?? '';
  return Number(/\buniqueCount\s*=\s*["'](\d+)["']/.exec(tag)?.[1] ?? NaN);
}

/**
 * The shared strings `used` names, in the subset's order: only as much of the part is inflated as
 * holds the last of them. Null when one of them is not in it.
 */
export function stringsSubset(part: ZipPart, used: Map<number, number>): Buffer | null {
  let last = -1;
  for (const index of used.keys()) last = Math.max(last, index);
  const holdsLast = (text: string) => {
    let count = 0;
    STRING_ITEM.lastIndex = 0;
    while (count <= last && STRING_ITEM.exec(text)) count++;
    return count > last;
  };
  const text = used.size === 0 ? '' : inflateStart(part, (start) => holdsLast(start.toString('latin1'))).toString('latin1');
  const subset: string[] = [];
  let index = 0;
  STRING_ITEM.lastIndex = 0;
  for (let m = STRING_ITEM.exec(text); m && index <= last; m = STRING_ITEM.exec(text), index++) {
    const at = used.get(index);
    if (at !== undefined) subset[at] = m[0];
  }
  if (subset.filter(Boolean).length < used.size) return null;
  const open = /<sst\b[^>]*>/.exec(text)?.[0] ?? '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${open}${subset.join('')}</sst>`, 'latin1');
}

export function countCells(xml: string): number {
  let cells = 0;
  CELL.lastIndex = 0;
  while (CELL.exec(xml)) cells++;
  return cells;
}

const columnNumber = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

/**
 * The limit a sheet's XML is over, if any, and its count there: its last row (the reader walks
 * every row to it) and its cells, a merged range counting each cell it covers (ExcelJS builds them
 * all). Given the XML without its empty cells, the cells are those with a value.
 */
export function sheetOverLimits(xml: string): { limit: SheetLimit; count: number } | null {
  let rows = 0;
  ROW_OR_END.lastIndex = 0;
  for (let m = ROW_OR_END.exec(xml); m; m = ROW_OR_END.exec(xml)) if (m[1] !== undefined) rows = Math.max(rows, rowNumber(m[1]) || 0);
  let cells = countCells(xml);
  MERGE.lastIndex = 0;
  for (let m = MERGE.exec(xml); m; m = MERGE.exec(xml)) {
    const [top, bottom] = [Number(m[2]), Number(m[4] ?? m[2])];
    const [left, right] = [columnNumber(m[1]), columnNumber(m[3] ?? m[1])];
    rows = Math.max(rows, bottom);
    cells += (Math.abs(bottom - top) + 1) * (Math.abs(right - left) + 1);
  }
  if (rows > SHEET_LIMITS.rows) return { limit: 'rows', count: rows };
  if (cells > SHEET_LIMITS.cells) return { limit: 'cells', count: cells };
  return null;
}

// ---------------------------------------------------------------------------------------------
// Small parts: workbook.xml, rels

/** The attributes of each <name …> element of a small XML part (workbook.xml, rels), entities decoded. */
export function tags(xml: string, name: string): Array<Record<string, string>> {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  const decode = (v: string) =>
    v.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (entity, e: string) => {
      if (e[0] !== '#') return named[e.toLowerCase()];
      const code = Number(e[1].toLowerCase() === 'x' ? `0${e.slice(1)}` : e.slice(1));
      return code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    });
  return [...xml.matchAll(new RegExp(`<${name}\\b([^>]*?)/?>`, 'g'))].map((m) =>
    Object.fromEntries([...m[1].matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)].map((a) => [a[1], decode(a[2] ?? a[3])])),
  );
}

export function relationships(rels: ZipPart): Array<{ id: string; target: string }> {
  return tags(inflatePart(rels).toString('utf8'), 'Relationship').map((a) => ({ id: a.Id, target: a.Target ?? '' }));
}

/** A rels target as a part name: relative to the folder of the part the rels belong to, or from the root. */
export const resolve = (folder: string, target: string) => (target.startsWith('/') ? target.slice(1) : path.posix.normalize(path.posix.join(folder, target)));
