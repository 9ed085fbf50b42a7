import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * 工作计划 documents: one per unit and year (work_plan_document), the editor's JSON as text. Its
 * live numbers are bindings inside the JSON; their values are never stored.
 */
export class WorkPlanDocuments1764115200011 implements MigrationInterface {
  name = 'WorkPlanDocuments1764115200011';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'work_plan_document',
        columns: [
          { name: 'id', type: 'varchar', isPrimary: true },
          { name: 'unit_id', type: 'varchar' },
          { name: 'year', type: 'integer' },
          { name: 'title', type: 'varchar' },
          { name: 'content_json', type: 'text' },
          { name: 'updated_at', type: 'varchar' },
        ],
        uniques: [{ name: 'work_plan_document_unit_year', columnNames: ['unit_id', 'year'] }],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('work_plan_document');
  }
}
