/**
 * XLSX files for the import's limits tests, made from a real export by editing its zip: sheets put
 * before the table's, the table's body replaced by many rows, rows added below it. The XML is
 * written as Excel writes it (shared strings, the export's cell styles), so what is measured is
 * what a user's file would cost.
 */
import JSZip from 'jszip';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function columnLetter(n: number): string {
  let s = '';
  for (let v = n; v > 0; v = Math.floor((v - 1) / 26)) s = String.fromCharCode(65 + ((v - 1) % 26)) + s;
  return s;
}

/** A row of inline-string cells from column A. */
export function textRow(r: number, texts: string[]): string {
  const cells = texts.map((t, i) => `<c r="${columnLetter(i + 1)}${r}" t="inlineStr"><is><t>${escape(t)}</t></is></c>`);
  return `<row r="${r}">${cells.join('')}</row>`;
}

/** A worksheet part holding these rows. */
export function sheetXml(rows: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${MAIN}" xmlns:r="${RELS}"><sheetData>${rows.join('')}</sheetData></worksheet>`;
}

async function rezip(zip: JSZip): Promise<Buffer> {
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

async function text(zip: JSZip, name: string): Promise<string> {
  return zip.file(name)!.async('string');
}

/** The export with these sheets before its own in the tab order (the export's print titles, which name a sheet by position, dropped). */
export async function withSheetsBefore(bytes: Buffer, sheets: Array<{ name: string; xml: string }>): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  const ids = sheets.map((_, i) => 101 + i);
  sheets.forEach((sheet, i) => zip.file(`xl/worksheets/sheet${ids[i]}.xml`, sheet.xml));
  const entries = sheets.map((sheet, i) => `<sheet name="${escape(sheet.name)}" sheetId="${ids[i]}" r:id="rIdAdded${ids[i]}"/>`).join('');
  const book = (await text(zip, 'xl/workbook.xml')).replace('<sheets>', `<sheets>${entries}`).replace(/<definedNames>.*?<\/definedNames>/s, '');
  zip.file('xl/workbook.xml', book);
  const rels = ids.map((id) => `<Relationship Id="rIdAdded${id}" Type="${RELS}/worksheet" Target="worksheets/sheet${id}.xml"/>`).join('');
  zip.file('xl/_rels/workbook.xml.rels', (await text(zip, 'xl/_rels/workbook.xml.rels')).replace('</Relationships>', `${rels}</Relationships>`));
  const types = ids
    .map((id) => `<Override PartName="/xl/worksheets/sheet${id}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
    .join('');
  zip.file('[Content_Types].xml', (await text(zip, '[Content_Types].xml')).replace('</Types>', `${types}</Types>`));
  return rezip(zip);
}

/** The export with these rows (XML) added at the end of its sheet. */
export async function withRowsAdded(bytes: Buffer, rows: string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  zip.file('xl/worksheets/sheet1.xml', (await text(zip, 'xl/worksheets/sheet1.xml')).replace('</sheetData>', `${rows}</sheetData>`));
  return rezip(zip);
}

/** The exported demand table's first body row (5) and the rows after the header (4). */
const FIRST_BODY_ROW = 5;

/**
 * The demand export with its body and notes replaced by these rows (cell values from column A;
 * '' an empty cell), each cell styled as the export styles its body, texts in shared strings as
 * Excel saves them. Returns the file, the sizes of its sheet and shared strings unpacked, and how
 * many of the rows' cells hold a value.
 */
export async function demandFileWithRows(
  exported: Buffer,
  rows: Iterable<Array<string | number>>,
): Promise<{ bytes: Buffer; sheetBytes: number; stringBytes: number; filled: number }> {
  const zip = await JSZip.loadAsync(exported);
  const xml = await text(zip, 'xl/worksheets/sheet1.xml');
  const body = xml.indexOf(`<row r="${FIRST_BODY_ROW}"`);
  const first = xml.slice(body, xml.indexOf('</row>', body));
  const styles = [...first.matchAll(/<c r="[A-Z]+\d+"(?: s="(\d+)")?/g)].map((m) => (m[1] ? ` s="${m[1]}"` : ''));
  const strings = new Map<string, number>();
  const index = (t: string) => {
    let i = strings.get(t);
    if (i === undefined) strings.set(t, (i = strings.size));
    return i;
  };
  const out: string[] = [];
  let r = FIRST_BODY_ROW;
  let filled = 0;
  for (const values of rows) {
    const xmlCells = values.map((v, c) => {
      const ref = `${columnLetter(c + 1)}${r}`;
      const s = styles[c] ?? '';
      if (v === '') return `<c r="${ref}"${s}/>`;
      filled++;
      if (typeof v === 'number') return `<c r="${ref}"${s}><v>${v}</v></c>`;
      return `<c r="${ref}"${s} t="s"><v>${index(v)}</v></c>`;
    });
    out.push(`<row r="${r}">${xmlCells.join('')}</row>`);
    r++;
  }
  const tail = xml.slice(xml.indexOf('</sheetData>'));
  // The merges of the title and header stay; those of the notes went with them.
  const merges = [...tail.matchAll(/<mergeCell ref="[A-Z]+(\d+):[A-Z]+\d+"\/>/g)].filter((m) => Number(m[1]) < FIRST_BODY_ROW).map((m) => m[0]);
  const newTail = tail.replace(/<mergeCells count="\d+">.*?<\/mergeCells>/s, `<mergeCells count="${merges.length}">${merges.join('')}</mergeCells>`);
  const sheet = `${xml.slice(0, body)}${out.join('')}${newTail}`;
  const si = [...strings.keys()].map((t) => `<si><t>${escape(t)}</t></si>`).join('');
  const sst = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="${MAIN}" count="${strings.size}" uniqueCount="${strings.size}">${si}</sst>`;
  zip.file('xl/worksheets/sheet1.xml', sheet);
  zip.file('xl/sharedStrings.xml', sst);
  zip.file(
    'xl/_rels/workbook.xml.rels',
    (await text(zip, 'xl/_rels/workbook.xml.rels')).replace(
      '</Relationships>',
      `<Relationship Id="rIdStrings" Type="${RELS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ),
  );
  zip.file(
    '[Content_Types].xml',
    (await text(zip, '[Content_Types].xml')).replace(
      '</Types>',
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    ),
  );
  return { bytes: await rezip(zip), sheetBytes: Buffer.byteLength(sheet), stringBytes: Buffer.byteLength(sst), filled };
}
