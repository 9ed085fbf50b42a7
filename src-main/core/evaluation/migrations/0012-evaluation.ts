import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * 绩效考核表: the year's scheme (evaluation_scheme: the metric and each item's weight and rule, as
 * JSON checked against the contract before it was written) and the typed figures of each person,
 * month and item (evaluation_entry, tenths). Plan figures, scores and ranks are never stored.
 */
export class Evaluation1764115200012 implements MigrationInterface {
  name = 'Evaluation1764115200012';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'evaluation_scheme',
        columns: [
          { name: 'year', type: 'integer', isPrimary: true },
          { name: 'metric_id', type: 'varchar' },
          { name: 'items_json', type: 'text' },
          { name: 'updated_at', type: 'varchar' },
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'evaluation_entry',
        columns: [
          { name: 'person_id', type: 'varchar', isPrimary: true },
          { name: 'month', type: 'varchar', isPrimary: true },
          { name: 'item_key', type: 'varchar', isPrimary: true },
          { name: 'value_tenths', type: 'integer' },
          { name: 'updated_at', type: 'varchar' },
        ],
        indices: [{ name: 'evaluation_entry_month', columnNames: ['month'] }],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('evaluation_entry');
    await runner.dropTable('evaluation_scheme');
  }
}
