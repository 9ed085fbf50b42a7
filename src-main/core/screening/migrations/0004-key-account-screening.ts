import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 大客户筛选 (key-account screening): weighted indicators in three groups (实力, 能力, 硬指标),
 * each customer's scores per year, the screening criteria a customer meets per year, and the
 * lowest total that earns each account tier.
 *
 * Scores and thresholds may carry one decimal, so they are stored as integer tenths (0..1000).
 * Tier thresholds are not seeded: tiers are dictionary entries the sample (or the user) creates
 * later, so a tier without a stored threshold takes a default from its rank (see screening-service).
 */
export class KeyAccountScreening1764115200004 implements MigrationInterface {
  name = 'KeyAccountScreening1764115200004';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE screening_indicator (
      id TEXT PRIMARY KEY NOT NULL,
      group_key TEXT NOT NULL CHECK (group_key IN ('strength', 'ability', 'hard')),
      name TEXT NOT NULL,
      weight INTEGER NOT NULL CHECK (weight BETWEEN 0 AND 100),
      sort_order INTEGER NOT NULL DEFAULT 0,
      UNIQUE (group_key, name)
    )`);
    await runner.query(`CREATE TABLE customer_criterion (
      year INTEGER NOT NULL,
      customer_id TEXT NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
      criterion TEXT NOT NULL CHECK (criterion IN ('sales-share', 'gross-margin', 'credit', 'management')),
      PRIMARY KEY (year, customer_id, criterion)
    ) WITHOUT ROWID`);
    await runner.query(`CREATE INDEX idx_customer_criterion_customer ON customer_criterion(customer_id)`);
    await runner.query(`CREATE TABLE customer_score (
      year INTEGER NOT NULL,
      customer_id TEXT NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
      indicator_id TEXT NOT NULL REFERENCES screening_indicator(id) ON DELETE RESTRICT,
      score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 1000),
      PRIMARY KEY (year, customer_id, indicator_id)
    ) WITHOUT ROWID`);
    // The primary key starts with the year; these serve the cascade from customer and the
    // restrict check from screening_indicator without a full scan.
    await runner.query(`CREATE INDEX idx_customer_score_customer ON customer_score(customer_id)`);
    await runner.query(`CREATE INDEX idx_customer_score_indicator ON customer_score(indicator_id)`);
    await runner.query(`CREATE TABLE tier_threshold (
      tier_id TEXT PRIMARY KEY NOT NULL REFERENCES dictionary_entry(id) ON DELETE RESTRICT,
      min_score INTEGER NOT NULL CHECK (min_score BETWEEN 0 AND 1000)
    )`);

    // Weights add up to 100, so a fully scored customer's total reads as a score out of 100.
    // For the two cost items (经营费用, 管理成本) a higher score means a LOWER cost of serving
    // the customer, so every indicator points the same way: higher is better.
    const indicators: Array<[id: string, group: string, name: string, weight: number, sortOrder: number]> = [
      ['si-capital', 'strength', '资金实力', 6, 1],
      ['si-network', 'strength', '网络资源', 6, 2],
      ['si-logistics', 'strength', '物流实力', 6, 3],
      ['si-relations', 'strength', '社会关系', 6, 4],
      ['si-staff', 'strength', '人力资源', 6, 5],
      ['si-strategy', 'ability', '经营思路', 10, 1],
      ['si-management', 'ability', '管理水平', 10, 2],
      ['si-marketing', 'ability', '营销方法', 10, 3],
      ['si-sales', 'hard', '销售额', 15, 1],
      ['si-margin', 'hard', '毛利水平', 15, 2],
      ['si-serving-cost', 'hard', '经营费用', 5, 3],
      ['si-admin-cost', 'hard', '管理成本', 5, 4],
    ];
    for (const row of indicators) {
      await runner.query(`INSERT INTO screening_indicator (id, group_key, name, weight, sort_order) VALUES (?, ?, ?, ?, ?)`, row);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE tier_threshold`);
    await runner.query(`DROP TABLE customer_score`);
    await runner.query(`DROP TABLE customer_criterion`);
    await runner.query(`DROP TABLE screening_indicator`);
  }
}
