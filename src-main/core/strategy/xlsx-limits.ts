/**
 * The limits an imported XLSX is held to before ExcelJS loads it. An XLSX is a zip; ExcelJS
 * inflates every part of it into memory and builds every cell of every sheet, so a 3 MB file
 * whose zip holds 3 GB took 6.4 GB and 41 s. Here each part is inflated once with an output cap
 * (node's zlib stops at the cap instead of trusting the sizes the zip declares, which a crafted
 * file can understate) and counted, so a file over a limit is refused with the limit it exceeds
 * before any of it is parsed. The limits are far above any strategy table (a few thousand rows)
 * and keep what ExcelJS builds well under 300 MB.
 */
import zlib from 'node:zlib';

export const XLSX_LIMITS = {
  /** Parts (files) in the zip: a workbook has a few dozen. */
  entries: 2_000,
  /**
   * One part, inflated: a sheet's XML or its shared strings. A 40,000-row demand table (15 MB
   * unpacked in all) is accepted; ExcelJS holds it in about 230 MB while it is read (measured).
   */
  entryBytes: 14_000_000,
  /** All parts together, inflated. */
  totalBytes: 40_000_000,
} as const;

export type XlsxLimit = keyof typeof XLSX_LIMITS;

export type XlsxCheck = { ok: true; totalBytes: number } | { ok: false; limit: XlsxLimit | 'not-a-zip'; detail: string };

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

/** Checks the zip against XLSX_LIMITS by inflating each part with a cap; reads, never keeps, the output. */
export function checkXlsxLimits(bytes: Buffer): XlsxCheck {
  const end = findEndOfDirectory(bytes);
  if (end < 0) return { ok: false, limit: 'not-a-zip', detail: 'no zip directory' };
  const count = bytes.readUInt16LE(end + 10);
  if (count > XLSX_LIMITS.entries) return { ok: false, limit: 'entries', detail: `${count} parts` };
  let at = bytes.readUInt32LE(end + 16);
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== DIRECTORY_ENTRY) return { ok: false, limit: 'not-a-zip', detail: 'broken zip directory' };
    const method = bytes.readUInt16LE(at + 10);
    const compressed = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const entryEnd = at + 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    const inflated = inflatedSize(bytes, bytes.readUInt32LE(at + 42), compressed, method, Math.min(XLSX_LIMITS.entryBytes, XLSX_LIMITS.totalBytes - total));
    if (inflated === 'broken') return { ok: false, limit: 'not-a-zip', detail: `unreadable part ${name}` };
    if (inflated === 'over') {
      const limit: XlsxLimit = XLSX_LIMITS.totalBytes - total < XLSX_LIMITS.entryBytes ? 'totalBytes' : 'entryBytes';
      return { ok: false, limit, detail: name };
    }
    total += inflated;
    at = entryEnd;
  }
  return { ok: true, totalBytes: total };
}

function findEndOfDirectory(bytes: Buffer): number {
  // The record is 22 bytes plus a comment of up to 65,535 bytes, at the very end.
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === END_OF_DIRECTORY) return i;
  }
  return -1;
}

function inflatedSize(bytes: Buffer, headerAt: number, compressed: number, method: number, cap: number): number | 'over' | 'broken' {
  if (headerAt + 30 > bytes.length || bytes.readUInt32LE(headerAt) !== LOCAL_HEADER) return 'broken';
  const dataAt = headerAt + 30 + bytes.readUInt16LE(headerAt + 26) + bytes.readUInt16LE(headerAt + 28);
  // ZIP64 marks sizes as 0xFFFFFFFF; no spreadsheet within the limits needs it.
  if (compressed === 0xffffffff) return 'over';
  if (dataAt + compressed > bytes.length) return 'broken';
  const data = bytes.subarray(dataAt, dataAt + compressed);
  if (method === STORED) return data.length > cap ? 'over' : data.length;
  if (method !== DEFLATED) return 'broken';
  try {
    return zlib.inflateRawSync(data, { maxOutputLength: Math.max(cap, 1) }).length;
  } catch (error) {
    return (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError ? 'over' : 'broken';
  }
}
