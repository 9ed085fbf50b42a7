import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The edit log: one row per save on an editable grid, with every row that save changed (before
 * and after, compressed), so undo and redo survive a restart. Written with TypeORM's portable
 * schema API.
 */
export class EditLog1764115200006 implements MigrationInterface {
  name = 'EditLog1764115200006';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'edit_log',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'grid', type: 'varchar' },
          { name: 'channel', type: 'varchar' },
          { name: 'at', type: 'varchar' },
          { name: 'state', type: 'varchar', default: "'done'" },
          { name: 'row_count', type: 'integer' },
          { name: 'edit_count', type: 'integer' },
          { name: 'subject_id', type: 'varchar', isNullable: true },
          { name: 'period_key', type: 'varchar', isNullable: true },
          { name: 'changes', type: 'blob' },
          { name: 'events', type: 'text' },
        ],
        checks: [{ name: 'edit_log_state', expression: `state IN ('done', 'undone')` }],
      }),
    );
    await runner.createIndex('edit_log', new TableIndex({ name: 'idx_edit_log_grid', columnNames: ['grid', 'state', 'id'] }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('edit_log');
  }
}
