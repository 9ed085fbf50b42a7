/**
 * Entities as EntitySchema rather than decorators: the build tools (esbuild/oxc) emit no decorator
 * metadata, and explicit column types keep TypeORM from guessing. Table shapes are defined by the
 * migrations; these schemas only map them.
 */
import { EntitySchema } from 'typeorm';

export interface OrgUnitRow {
  id: string;
  parentId: string | null;
  level: 'company' | 'branch' | 'team';
  name: string;
  sortOrder: number;
}

export interface PersonRow {
  id: string;
  unitId: string;
  name: string;
  role: string;
  sortOrder: number;
}

export interface MetricRow {
  id: string;
  code: string;
  name: string;
  unit: string;
  precision: number;
  kind: 'additive' | 'ratio';
  direction: 'higher' | 'lower';
  allowNegative: boolean;
  numeratorId: string | null;
  denominatorId: string | null;
  sortOrder: number;
}

export interface TargetCellRow {
  planYear: number;
  metricId: string;
  subjectId: string;
  measure: string;
  value: number;
  updatedAt: string;
}

export interface WorkspaceMetaRow {
  key: string;
  value: string;
}

export const OrgUnitEntity = new EntitySchema<OrgUnitRow>({
  name: 'OrgUnit',
  tableName: 'org_unit',
  columns: {
    id: { type: 'text', primary: true },
    parentId: { type: 'text', name: 'parent_id', nullable: true },
    level: { type: 'text' },
    name: { type: 'text' },
    sortOrder: { type: 'integer', name: 'sort_order' },
  },
});

export const PersonEntity = new EntitySchema<PersonRow>({
  name: 'Person',
  tableName: 'person',
  columns: {
    id: { type: 'text', primary: true },
    unitId: { type: 'text', name: 'unit_id' },
    name: { type: 'text' },
    role: { type: 'text' },
    sortOrder: { type: 'integer', name: 'sort_order' },
  },
});

export const MetricEntity = new EntitySchema<MetricRow>({
  name: 'Metric',
  tableName: 'metric',
  columns: {
    id: { type: 'text', primary: true },
    code: { type: 'text' },
    name: { type: 'text' },
    unit: { type: 'text' },
    precision: { type: 'integer' },
    kind: { type: 'text' },
    direction: { type: 'text' },
    allowNegative: { type: 'boolean', name: 'allow_negative' },
    numeratorId: { type: 'text', name: 'numerator_id', nullable: true },
    denominatorId: { type: 'text', name: 'denominator_id', nullable: true },
    sortOrder: { type: 'integer', name: 'sort_order' },
  },
});

export const TargetCellEntity = new EntitySchema<TargetCellRow>({
  name: 'TargetCell',
  tableName: 'target_cell',
  columns: {
    planYear: { type: 'integer', name: 'plan_year', primary: true },
    metricId: { type: 'text', name: 'metric_id', primary: true },
    subjectId: { type: 'text', name: 'subject_id', primary: true },
    measure: { type: 'text', primary: true },
    value: { type: 'integer' },
    updatedAt: { type: 'text', name: 'updated_at' },
  },
});

export const WorkspaceMetaEntity = new EntitySchema<WorkspaceMetaRow>({
  name: 'WorkspaceMeta',
  tableName: 'workspace_meta',
  columns: {
    key: { type: 'text', primary: true },
    value: { type: 'text' },
  },
});

