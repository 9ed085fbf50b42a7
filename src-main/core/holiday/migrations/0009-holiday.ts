import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The holiday feature's tables: a season's window where the planner changed it (holiday_season;
 * no row: the default window), the commodity categories (holiday_category), sales by store,
 * category and day (holiday_category_sales: what the tills recorded, in whole 元; the history the
 * targets and the daily pattern are read from), the targets per season, store and category
 * (holiday_target, whole 元), their split to every employee and day and the daily actuals
 * (holiday_day_cell: the one home of an employee's figures; a 班组's and a store's are their sums)
 * and the window totals the planner locked (holiday_lock), and the stocking plan's inputs: each
 * store's opening stock per category (holiday_stock) and the planned deliveries (holiday_delivery,
 * several per category); the leadership duty roster (holiday_duty: per store, day and shift a
 * leader, a deputy and a phone) and whether a store keeps one shift a day or two
 * (holiday_store_shifts; no row: one); the safety self-inspections (holiday_inspection: a store on
 * a day, by an inspector; holiday_inspection_item: each checklist item's result, the finding, who
 * puts it right by when, and the day it was). Written with TypeORM's portable schema API.
 */
export class Holiday1764115200009 implements MigrationInterface {
  name = 'Holiday1764115200009';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'holiday_season',
        columns: [
          { name: 'season', type: 'integer', isPrimary: true },
          { name: 'first_day', type: 'varchar' },
          { name: 'last_day', type: 'varchar' },
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'holiday_category',
        columns: [
          { name: 'id', type: 'varchar', isPrimary: true },
          { name: 'name', type: 'varchar' },
          { name: 'unit', type: 'varchar' },
          { name: 'safety_days', type: 'integer' },
          { name: 'sort_order', type: 'integer' },
          { name: 'archived', type: 'integer', default: 0 },
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'holiday_category_sales',
        columns: [
          { name: 'store_id', type: 'varchar', isPrimary: true },
          { name: 'category_id', type: 'varchar', isPrimary: true },
          { name: 'day', type: 'varchar', isPrimary: true },
          { name: 'amount', type: 'integer' },
          { name: 'quantity', type: 'integer' },
        ],
        checks: [{ name: 'holiday_category_sales_positive', expression: `amount >= 0 AND quantity >= 0` }],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'holiday_target',
        columns: [
          { name: 'season', type: 'integer', isPrimary: true },
          { name: 'store_id', type: 'varchar', isPrimary: true },
          { name: 'category_id', type: 'varchar', isPrimary: true },
          { name: 'basic', type: 'integer', isNullable: true },
          { name: 'challenge', type: 'integer', isNullable: true },
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'holiday_day_cell',
        columns: [
          { name: 'season', type: 'integer', isPrimary: true },
          { name: 'level', type: 'varchar', isPrimary: true },
          { name: 'person_id', type: 'varchar', isPrimary: true },
          { name: 'day', type: 'varchar', isPrimary: true },
          { name: 'value', type: 'integer' },
        ],
        checks: [{ name: 'holiday_day_cell_level', expression: `level IN ('basic', 'challenge', 'actual')` }],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'holiday_lock',
        columns: [
          { name: 'season', type: 'integer', isPrimary: true },
          { name: 'level', type: 'varchar', isPrimary: true },
          { name: 'subject_id', type: 'varchar', isPrimary: true },
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'holiday_stock',
        columns: [
          { name: 'season', type: 'integer', isPrimary: true },
          { name: 'store_id', type: 'varchar', isPrimary: true },
          { name: 'category_id', type: 'varchar', isPrimary: true },
          { name: 'opening', type: 'integer' },
        ],
        checks: [{ name: 'holiday_stock_opening', expression: `opening >= 0` }],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'holiday_delivery',
        columns: [
          { name: 'id', type: 'varchar', isPrimary: true },
          { name: 'season', type: 'integer' },
          { name: 'store_id', type: 'varchar' },
          { name: 'category_id', type: 'varchar' },
          { name: 'supplier', type: 'varchar' },
          { name: 'quantity', type: 'integer' },
          { name: 'arrival_day', type: 'varchar' },
        ],
        checks: [{ name: 'holiday_delivery_quantity', expression: `quantity > 0` }],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'holiday_duty',
        columns: [
          { name: 'season', type: 'integer', isPrimary: true },
          { name: 'store_id', type: 'varchar', isPrimary: true },
          { name: 'day', type: 'varchar', isPrimary: true },
          { name: 'shift', type: 'varchar', isPrimary: true },
          { name: 'leader_id', type: 'varchar', isNullable: true },
          { name: 'deputy_id', type: 'varchar', isNullable: true },
          { name: 'phone', type: 'varchar', isNullable: true },
        ],
        checks: [{ name: 'holiday_duty_shift', expression: `shift IN ('all', 'day', 'night')` }],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'holiday_store_shifts',
        columns: [
          { name: 'season', type: 'integer', isPrimary: true },
          { name: 'store_id', type: 'varchar', isPrimary: true },
          { name: 'shifts', type: 'varchar' },
        ],
        checks: [{ name: 'holiday_store_shifts_kind', expression: `shifts IN ('single', 'two')` }],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'holiday_inspection',
        columns: [
          { name: 'id', type: 'varchar', isPrimary: true },
          { name: 'season', type: 'integer' },
          { name: 'store_id', type: 'varchar' },
          { name: 'day', type: 'varchar' },
          { name: 'inspector', type: 'varchar' },
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'holiday_inspection_item',
        columns: [
          { name: 'inspection_id', type: 'varchar', isPrimary: true },
          { name: 'item_key', type: 'varchar', isPrimary: true },
          { name: 'area', type: 'varchar' },
          { name: 'item', type: 'varchar' },
          { name: 'sort_order', type: 'integer' },
          { name: 'result', type: 'varchar', isNullable: true },
          { name: 'finding', type: 'varchar', isNullable: true },
          { name: 'owner', type: 'varchar', isNullable: true },
          { name: 'deadline', type: 'varchar', isNullable: true },
          { name: 'closed_on', type: 'varchar', isNullable: true },
        ],
        checks: [{ name: 'holiday_inspection_item_result', expression: `result IS NULL OR result IN ('ok', 'fix')` }],
      }),
    );
    await runner.createIndex('holiday_delivery', new TableIndex({ name: 'idx_holiday_delivery_season', columnNames: ['season', 'store_id', 'category_id'] }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropIndex('holiday_delivery', 'idx_holiday_delivery_season');
    for (const table of [
      'holiday_inspection_item',
      'holiday_inspection',
      'holiday_store_shifts',
      'holiday_duty',
      'holiday_delivery',
      'holiday_stock',
      'holiday_lock',
      'holiday_day_cell',
      'holiday_target',
      'holiday_category_sales',
      'holiday_category',
      'holiday_season',
    ])
      await runner.dropTable(table);
  }
}
