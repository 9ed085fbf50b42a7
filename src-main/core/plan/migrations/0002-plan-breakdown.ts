import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Targets and actuals broken down to the day (year → day, organisation → person). Values are
 * stored per leaf subject and day only; months, weeks, teams and units are roll-ups.
 * Locks are kept per subject (any org node) and period (any grain).
 */
export class PlanBreakdown1764115200002 implements MigrationInterface {
  name = 'PlanBreakdown1764115200002';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE plan_day_cell (
      plan_year INTEGER NOT NULL,
      metric_id TEXT NOT NULL REFERENCES metric(id),
      level TEXT NOT NULL CHECK (level IN ('basic', 'challenge', 'actual')),
      subject_id TEXT NOT NULL,
      day TEXT NOT NULL,
      value INTEGER NOT NULL,
      PRIMARY KEY (plan_year, metric_id, level, subject_id, day)
    ) WITHOUT ROWID`);
    await runner.query(`CREATE TABLE plan_lock (
      plan_year INTEGER NOT NULL,
      metric_id TEXT NOT NULL REFERENCES metric(id),
      level TEXT NOT NULL CHECK (level IN ('basic', 'challenge', 'actual')),
      subject_id TEXT NOT NULL,
      period_key TEXT NOT NULL,
      PRIMARY KEY (plan_year, metric_id, level, subject_id, period_key)
    ) WITHOUT ROWID`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE plan_lock`);
    await runner.query(`DROP TABLE plan_day_cell`);
  }
}
