/**
 * Table work_plan_document (migration 0011): the row shape, declared once, and every statement on
 * the table. The content is the editor's JSON as text; it was checked against the contract's
 * schema before it was written, and is parsed back here.
 */
import type { DocumentContent, WorkPlanDocument } from '../../../src-shared/contract/channels';
import type { Database } from '../db/port';

interface DocumentRow {
  id: string;
  unitId: string;
  year: number;
  title: string;
  contentJson: string;
  updatedAt: string;
}

const COLUMNS = `id, unit_id AS "unitId", year, title, content_json AS "contentJson", updated_at AS "updatedAt"`;

const toDocument = (row: DocumentRow): WorkPlanDocument => ({
  id: row.id,
  unitId: row.unitId,
  year: row.year,
  title: row.title,
  content: JSON.parse(row.contentJson) as DocumentContent,
  updatedAt: row.updatedAt,
});

export function readDocument(db: Database, unitId: string, year: number): WorkPlanDocument | null {
  const row = db.all<DocumentRow>(`SELECT ${COLUMNS} FROM work_plan_document WHERE unit_id = ? AND year = ?`, unitId, year)[0];
  return row ? toDocument(row) : null;
}

export function readDocumentById(db: Database, id: string): WorkPlanDocument | null {
  const row = db.all<DocumentRow>(`SELECT ${COLUMNS} FROM work_plan_document WHERE id = ?`, id)[0];
  return row ? toDocument(row) : null;
}

/** Inserts or replaces the document, in the caller's transaction. */
export function writeDocument(db: Database, doc: WorkPlanDocument): void {
  db.run(
    `INSERT INTO work_plan_document (id, unit_id, year, title, content_json, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET title = excluded.title, content_json = excluded.content_json, updated_at = excluded.updated_at`,
    doc.id,
    doc.unitId,
    doc.year,
    doc.title,
    JSON.stringify(doc.content),
    doc.updatedAt,
  );
}

/** Every document (of a year), by year and unit. */
export function readDocuments(db: Database, year?: number): WorkPlanDocument[] {
  const rows =
    year === undefined
      ? db.all<DocumentRow>(`SELECT ${COLUMNS} FROM work_plan_document ORDER BY year, unit_id`)
      : db.all<DocumentRow>(`SELECT ${COLUMNS} FROM work_plan_document WHERE year = ? ORDER BY unit_id`, year);
  return rows.map(toDocument);
}
