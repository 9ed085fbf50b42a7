import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The holiday arrangements the planner entered for years the calendar package does not know:
 * one row per non-ordinary day (a holiday's rest day or a 调休 working day), with the notice's
 * name on every row of its year. Written with TypeORM's portable schema API.
 */
export class CalendarArrangement1764115200007 implements MigrationInterface {
  name = 'CalendarArrangement1764115200007';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'calendar_arrangement',
        columns: [
          { name: 'year', type: 'integer', isPrimary: true },
          { name: 'day', type: 'varchar', isPrimary: true },
          { name: 'kind', type: 'varchar' },
          { name: 'holiday', type: 'varchar', isNullable: true },
          { name: 'notice', type: 'varchar' },
        ],
        checks: [{ name: 'calendar_arrangement_kind', expression: `kind IN ('rest', 'work')` }],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('calendar_arrangement');
  }
}
