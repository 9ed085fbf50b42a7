import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The organisation's dates, beside org_unit and person (which keep where each unit and person is
 * now): org_subject holds what those tables have no column for — a unit's kind beyond
 * company/branch/team (门店, 班组 …; org_unit.level stays 'team' for them), the first day a unit or
 * person exists and the day it retired —, org_placement every dated placement (from valid_from on,
 * the unit's parent or the person's unit; '0000-01-01' is "since the start"). New tables rather
 * than new columns: SQLite cannot add a column to org_unit without rebuilding it, and the
 * rebuild is refused while person rows refer to it (ON DELETE RESTRICT).
 */
export class OrgHistory1764115200008 implements MigrationInterface {
  name = 'OrgHistory1764115200008';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'org_subject',
        columns: [
          { name: 'subject_id', type: 'varchar', isPrimary: true },
          { name: 'unit_kind', type: 'varchar', isNullable: true },
          { name: 'active_from', type: 'varchar', isNullable: true },
          { name: 'retired_from', type: 'varchar', isNullable: true },
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'org_placement',
        columns: [
          { name: 'subject_id', type: 'varchar', isPrimary: true },
          { name: 'valid_from', type: 'varchar', isPrimary: true },
          { name: 'parent_id', type: 'varchar', isNullable: true },
        ],
      }),
    );
    await runner.createIndex('org_placement', new TableIndex({ name: 'idx_org_placement_parent', columnNames: ['parent_id'] }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropIndex('org_placement', 'idx_org_placement_parent');
    await runner.dropTable('org_placement');
    await runner.dropTable('org_subject');
  }
}
