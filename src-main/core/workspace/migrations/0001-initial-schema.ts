import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Organisation, people, metrics and annual target cells (values as scaled integers). */
export class InitialSchema1764115200001 implements MigrationInterface {
  name = 'InitialSchema1764115200001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE workspace_meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)`);
    await runner.query(`CREATE TABLE org_unit (
      id TEXT PRIMARY KEY NOT NULL,
      parent_id TEXT REFERENCES org_unit(id) ON DELETE RESTRICT,
      level TEXT NOT NULL CHECK (level IN ('company', 'branch', 'team')),
      name TEXT NOT NULL,
      sort_order INTEGER NOT NULL DEFAULT 0
    )`);
    await runner.query(`CREATE INDEX idx_org_unit_parent ON org_unit(parent_id, sort_order)`);
    await runner.query(`CREATE TABLE person (
      id TEXT PRIMARY KEY NOT NULL,
      unit_id TEXT NOT NULL REFERENCES org_unit(id) ON DELETE RESTRICT,
      name TEXT NOT NULL,
      role TEXT NOT NULL,
      sort_order INTEGER NOT NULL DEFAULT 0
    )`);
    await runner.query(`CREATE INDEX idx_person_unit ON person(unit_id, sort_order)`);
    await runner.query(`CREATE TABLE metric (
      id TEXT PRIMARY KEY NOT NULL,
      code TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      unit TEXT NOT NULL,
      precision INTEGER NOT NULL CHECK (precision BETWEEN 0 AND 6),
      kind TEXT NOT NULL CHECK (kind IN ('additive', 'ratio')),
      direction TEXT NOT NULL CHECK (direction IN ('higher', 'lower')),
      allow_negative INTEGER NOT NULL DEFAULT 0,
      numerator_id TEXT REFERENCES metric(id),
      denominator_id TEXT REFERENCES metric(id),
      sort_order INTEGER NOT NULL DEFAULT 0
    )`);
    await runner.query(`CREATE TABLE target_cell (
      plan_year INTEGER NOT NULL,
      metric_id TEXT NOT NULL REFERENCES metric(id),
      subject_id TEXT NOT NULL,
      measure TEXT NOT NULL CHECK (measure IN ('lastYearActual', 'basic', 'challenge', 'actual')),
      value INTEGER NOT NULL,
      updated_at TEXT NOT NULL,
      PRIMARY KEY (plan_year, metric_id, subject_id, measure)
    ) WITHOUT ROWID`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE target_cell`);
    await runner.query(`DROP TABLE metric`);
    await runner.query(`DROP TABLE person`);
    await runner.query(`DROP TABLE org_unit`);
    await runner.query(`DROP TABLE workspace_meta`);
  }
}
