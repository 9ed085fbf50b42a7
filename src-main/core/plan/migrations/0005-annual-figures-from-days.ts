import type { MigrationInterface, QueryRunner } from 'typeorm';
import { spreadOverDays } from '../../../../src-shared/domain/splitting';

interface AnnualCell {
  planYear: number;
  metricId: string;
  subjectId: string;
  measure: 'basic' | 'challenge' | 'actual';
  value: number;
}

/**
 * One stored home for every plan figure: a person's annual 基本目标 / 挑战目标 / 实际 are the sums of
 * their days (plan_day_cell), no longer separate target_cell rows. Workspaces written before kept
 * both, and a figure typed in 年度目标 changed only the annual row. Here, an annual target of a
 * person with no days of that level is spread over the year's working days (what the breakdown
 * does for a new target); where days exist they are what tracking and the breakdown showed, and
 * they stay. Then the annual rows go. An annual actual has no days to become: the actual is what
 * was entered per day, and the copy kept beside the file before this upgrade still holds it.
 *
 * Data only, through TypeORM's query builder (portable); rows are read in one pass and written
 * per person in multi-row inserts.
 */
export class AnnualFiguresFromDays1764115200005 implements MigrationInterface {
  name = 'AnnualFiguresFromDays1764115200005';

  async up(runner: QueryRunner): Promise<void> {
    const cells: AnnualCell[] = await runner.manager
      .createQueryBuilder()
      .select(['t.plan_year AS "planYear"', 't.metric_id AS "metricId"', 't.subject_id AS "subjectId"', 't.measure AS "measure"', 't.value AS "value"'])
      .from('target_cell', 't')
      .innerJoin('metric', 'm', 'm.id = t.metric_id')
      .where(`t.measure IN ('basic', 'challenge')`)
      .andWhere(`m.kind = 'additive'`)
      .getRawMany();
    for (const cell of cells) {
      const hasDays = await runner.manager
        .createQueryBuilder()
        .select('1')
        .from('plan_day_cell', 'd')
        .where('d.plan_year = :year AND d.metric_id = :metric AND d.level = :level AND d.subject_id = :subject', {
          year: cell.planYear,
          metric: cell.metricId,
          level: cell.measure,
          subject: cell.subjectId,
        })
        .limit(1)
        .getRawOne();
      if (hasDays) continue;
      const spread = spreadOverDays(Number(cell.value), cell.planYear, String(cell.planYear), 'working-days');
      // A figure too large to spread exactly was refused at input; keep the rest of the upgrade going.
      if (!spread.ok) continue;
      const rows = [...spread.values].map(([day, value]) => ({
        plan_year: cell.planYear,
        metric_id: cell.metricId,
        level: cell.measure,
        subject_id: cell.subjectId,
        day,
        value,
      }));
      // 6 parameters a row: 100 rows stay far below every database's parameter limit.
      for (let from = 0; from < rows.length; from += 100) {
        await runner.manager
          .createQueryBuilder()
          .insert()
          .into('plan_day_cell')
          .values(rows.slice(from, from + 100))
          .execute();
      }
    }
    await runner.manager.createQueryBuilder().delete().from('target_cell').where(`measure IN ('basic', 'challenge', 'actual')`).execute();
  }

  async down(): Promise<void> {
    // The annual rows were sums of the days (or spread into them): nothing to restore them from
    // that the days do not already hold.
  }
}
