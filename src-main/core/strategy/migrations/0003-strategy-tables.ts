import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The marketing strategy tools: editable dictionaries, customers (客户单位), the monthly
 * 《需求分析及产品匹配策略表》 (demand_row + demand_product) and 《消费习惯分析及促销策略表》
 * (habit_row), and the history of changes to a month's rows. Rows point at dictionary entries
 * by id, so renaming an entry never breaks what is stored.
 */
export class StrategyTables1764115200003 implements MigrationInterface {
  name = 'StrategyTables1764115200003';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE dictionary_entry (
      id TEXT PRIMARY KEY NOT NULL,
      dictionary TEXT NOT NULL CHECK (dictionary IN ('customer-class', 'product-class', 'product', 'habit-dimension', 'account-tier')),
      parent_id TEXT REFERENCES dictionary_entry(id) ON DELETE RESTRICT,
      name TEXT NOT NULL,
      sort_order INTEGER NOT NULL DEFAULT 0,
      archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
    )`);
    await runner.query(`CREATE INDEX idx_dictionary_entry_parent ON dictionary_entry(dictionary, parent_id, sort_order)`);
    await runner.query(`CREATE TABLE customer (
      id TEXT PRIMARY KEY NOT NULL,
      name TEXT NOT NULL,
      class_id TEXT NOT NULL REFERENCES dictionary_entry(id) ON DELETE RESTRICT,
      tier_id TEXT REFERENCES dictionary_entry(id) ON DELETE RESTRICT,
      unit_id TEXT NOT NULL REFERENCES org_unit(id) ON DELETE RESTRICT,
      manager_id TEXT NOT NULL REFERENCES person(id) ON DELETE RESTRICT,
      status TEXT NOT NULL CHECK (status IN ('signed', 'target', 'prospect')),
      status_changed_on TEXT NOT NULL
    )`);
    await runner.query(`CREATE INDEX idx_customer_manager ON customer(manager_id)`);
    await runner.query(`CREATE INDEX idx_customer_class ON customer(class_id)`);
    await runner.query(`CREATE TABLE demand_row (
      year_month TEXT NOT NULL,
      customer_id TEXT NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
      urgent_point TEXT NOT NULL DEFAULT '',
      demand_plan TEXT NOT NULL DEFAULT '',
      potential_plan TEXT NOT NULL DEFAULT '',
      guided_need TEXT NOT NULL DEFAULT '',
      reviewed INTEGER NOT NULL DEFAULT 0 CHECK (reviewed IN (0, 1)),
      updated_at TEXT NOT NULL,
      PRIMARY KEY (year_month, customer_id)
    ) WITHOUT ROWID`);
    await runner.query(`CREATE TABLE demand_product (
      year_month TEXT NOT NULL,
      customer_id TEXT NOT NULL,
      product_id TEXT NOT NULL REFERENCES dictionary_entry(id) ON DELETE RESTRICT,
      need_kind TEXT NOT NULL CHECK (need_kind IN ('urgent-point', 'demand-plan', 'potential-plan', 'guided-need')),
      PRIMARY KEY (year_month, customer_id, product_id),
      FOREIGN KEY (year_month, customer_id) REFERENCES demand_row(year_month, customer_id) ON DELETE CASCADE
    ) WITHOUT ROWID`);
    await runner.query(`CREATE INDEX idx_demand_product_product ON demand_product(product_id)`);
    await runner.query(`CREATE TABLE habit_row (
      year_month TEXT NOT NULL,
      customer_id TEXT NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
      touch_habit TEXT NOT NULL DEFAULT '',
      media_advice TEXT NOT NULL DEFAULT '',
      cognition_habit TEXT NOT NULL DEFAULT '',
      message_advice TEXT NOT NULL DEFAULT '',
      purchase_habit TEXT NOT NULL DEFAULT '',
      promotion_advice TEXT NOT NULL DEFAULT '',
      recognition_habit TEXT NOT NULL DEFAULT '',
      service_advice TEXT NOT NULL DEFAULT '',
      reviewed INTEGER NOT NULL DEFAULT 0 CHECK (reviewed IN (0, 1)),
      updated_at TEXT NOT NULL,
      PRIMARY KEY (year_month, customer_id)
    ) WITHOUT ROWID`);
    // "table" is an SQL keyword, so the column says which strategy table as table_kind.
    await runner.query(`CREATE TABLE strategy_history (
      id TEXT PRIMARY KEY NOT NULL,
      year_month TEXT NOT NULL,
      customer_id TEXT NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
      table_kind TEXT NOT NULL CHECK (table_kind IN ('demand', 'habit')),
      changed_at TEXT NOT NULL,
      before_json TEXT NOT NULL,
      after_json TEXT NOT NULL
    )`);
    await runner.query(`CREATE INDEX idx_strategy_history_row ON strategy_history(year_month, customer_id, changed_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE strategy_history`);
    await runner.query(`DROP TABLE habit_row`);
    await runner.query(`DROP TABLE demand_product`);
    await runner.query(`DROP TABLE demand_row`);
    await runner.query(`DROP TABLE customer`);
    await runner.query(`DROP TABLE dictionary_entry`);
  }
}
