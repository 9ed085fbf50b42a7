/** The template's fixed texts: its printed titles and each refusal in both languages (for the CLI; the app has its own, in the targets feature's messages). */
import type { TemplateRefusal } from '../../../src-shared/contract/channels';

export const NAME_HEADER = '单位 / 人员';
export const MEASURE_NAMES: Record<string, string> = { lastYearActual: '上年实际', basic: '基本目标', challenge: '挑战目标', actual: '实际' };

export const TEMPLATE_REFUSAL_TEXT: Record<TemplateRefusal['reason'], string> = {
  'not-a-number': '不是数字 / not a number',
  'too-many-decimals': '小数位数超过该指标的精度 / more decimals than the metric’s precision',
  'negative-not-allowed': '该指标不允许负数 / this metric does not allow negative values',
  'too-large': '数值过大 / value too large',
  'not-editable': '此单元格不可修改 / this cell cannot be changed',
  'rollup-changed': '汇总行被修改：应为下级之和 / roll-up row changed: it must be the sum of the rows under it',
  'challenge-inconsistent': '挑战目标与基本目标方向不一致 / challenge target on the wrong side of the basic target',
  'unknown-subject': '找不到此行的人员或单位 / no such person or unit',
  'missing-id': '此行没有编号 / row without an id',
  'unknown-metric': '找不到此列的指标 / no such metric',
  locked: '该期间已锁定 / the period is locked',
  'not-a-template': '不是 PlanDesk 导出的年度目标模板 / not a PlanDesk targets template',
  'unreadable-file': '无法读取此文件 / the file cannot be read',
  'file-too-large': '文件过大 / the file is too large',
  'wrong-year': '模板属于其他年度 / the template is for another year',
  'wrong-workspace': '模板来自其他工作区 / the template comes from another workspace',
};
