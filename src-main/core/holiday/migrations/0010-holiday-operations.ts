import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The holiday operations' tables: promotion activities (holiday_promotion, with the stores each
 * runs in: holiday_promotion_store), service tasks (holiday_service_task; store_id null: every
 * store), and staffing per store and day (holiday_staffing: the planned headcount and 后勤支援一线;
 * holiday_promoter: each supplier's 促销员 on the day). Amounts are whole 元, lifts basis points.
 */
export class HolidayOperations1764115200010 implements MigrationInterface {
  name = 'HolidayOperations1764115200010';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'holiday_promotion',
        columns: [
          { name: 'id', type: 'varchar', isPrimary: true },
          { name: 'season', type: 'integer' },
          { name: 'name', type: 'varchar' },
          { name: 'first_day', type: 'varchar' },
          { name: 'last_day', type: 'varchar' },
          { name: 'budget', type: 'integer' },
          { name: 'lift_bp', type: 'integer' },
          { name: 'owner', type: 'varchar' },
        ],
        checks: [{ name: 'holiday_promotion_days', expression: `first_day <= last_day AND budget >= 0 AND lift_bp >= 0` }],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'holiday_promotion_store',
        columns: [
          { name: 'promotion_id', type: 'varchar', isPrimary: true },
          { name: 'store_id', type: 'varchar', isPrimary: true },
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'holiday_service_task',
        columns: [
          { name: 'id', type: 'varchar', isPrimary: true },
          { name: 'season', type: 'integer' },
          { name: 'title', type: 'varchar' },
          { name: 'store_id', type: 'varchar', isNullable: true },
          { name: 'owner', type: 'varchar' },
          { name: 'deadline', type: 'varchar' },
          { name: 'status', type: 'varchar' },
        ],
        checks: [{ name: 'holiday_service_task_status', expression: `status IN ('todo', 'doing', 'done')` }],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'holiday_staffing',
        columns: [
          { name: 'season', type: 'integer', isPrimary: true },
          { name: 'store_id', type: 'varchar', isPrimary: true },
          { name: 'day', type: 'varchar', isPrimary: true },
          { name: 'planned', type: 'integer', isNullable: true },
          { name: 'support', type: 'integer', default: 0 },
        ],
        checks: [{ name: 'holiday_staffing_positive', expression: `(planned IS NULL OR planned >= 0) AND support >= 0` }],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'holiday_promoter',
        columns: [
          { name: 'season', type: 'integer', isPrimary: true },
          { name: 'store_id', type: 'varchar', isPrimary: true },
          { name: 'day', type: 'varchar', isPrimary: true },
          { name: 'supplier', type: 'varchar', isPrimary: true },
          { name: 'count', type: 'integer' },
        ],
        checks: [{ name: 'holiday_promoter_positive', expression: `count > 0` }],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['holiday_promoter', 'holiday_staffing', 'holiday_service_task', 'holiday_promotion_store', 'holiday_promotion'])
      await runner.dropTable(table);
  }
}
