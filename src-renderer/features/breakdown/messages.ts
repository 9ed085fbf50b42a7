/** Texts of 目标分解 (breakdown.*): 中文 (the default) and English, with the same keys. */
export const zhCN = {
  breakdown: {
    title: '{{year}} 目标分解',
    yearTotal: '全年',
    hint: '在任一合计中输入数字即按所选方法向下分解到人员和每天；在人员的日单元格中输入实际数；Ctrl+L 锁定/解锁选中单元格，锁定的数值在分解时保持不变；Ctrl+Z/Ctrl+Y 撤销/重做',
    grain: { quarter: '季度', month: '月', week: '周', day: '日' },
    org: { 'last-year': '组织：按上年占比', current: '组织：按当前比例', even: '组织：平均' },
    time: { 'working-days': '时间：按工作日', even: '时间：按自然日', 'last-year': '时间：按上年同期', current: '时间：按当前比例' },
    orgMethodHint: '合计分到下级单位和人员的方法',
    timeMethodHint: '期间合计分到月、周、日的方法',
    lock: '锁定 / 解锁',
    selectCell: '请先选中一个单元格',
    locked: '已锁定 {{name}}',
    unlocked: '已解锁 {{name}}',
    makeUpDay: '调休上班',
    workingDays: '{{count}} 个工作日',
    today: '今天',
    actualReplaced: '已将{{name}} {{day}} 的实际从 {{before}} 改为 {{after}}（Ctrl+Z 撤销）',
    calendar: {
      provisional: '{{year}} 年放假安排尚未发布，暂按法定节假日计算（{{holidays}}），不含调休上班日',
      entered: '{{year}} 年放假安排按已录入的《{{notice}}》计算',
      separator: '、',
      holidays: { 元旦: '元旦', 春节: '春节', 清明: '清明', 劳动节: '劳动节', 端午: '端午', 中秋: '中秋', 国庆节: '国庆节' },
    },
  },
};

export const en: typeof zhCN = {
  breakdown: {
    title: '{{year}} target breakdown',
    yearTotal: 'Year',
    hint: "Type into any total to spread it down to people and days with the chosen methods; type actuals into a person's day; Ctrl+L locks or unlocks the selected cell, and locked values keep their value when spreading; Ctrl+Z/Ctrl+Y undo/redo",
    grain: { quarter: 'Quarter', month: 'Month', week: 'Week', day: 'Day' },
    org: { 'last-year': 'Org: last year share', current: 'Org: current shares', even: 'Org: evenly' },
    time: { 'working-days': 'Time: working days', even: 'Time: calendar days', 'last-year': 'Time: last year pattern', current: 'Time: current shares' },
    orgMethodHint: 'How a total is shared among units and people',
    timeMethodHint: 'How a period total is shared among months, weeks and days',
    lock: 'Lock / unlock',
    selectCell: 'Select a cell first',
    locked: 'Locked {{name}}',
    unlocked: 'Unlocked {{name}}',
    makeUpDay: 'Make-up working day',
    workingDays: '{{count}} working days',
    today: 'Today',
    actualReplaced: "Changed {{name}}'s actual for {{day}} from {{before}} to {{after}} (Ctrl+Z to undo)",
    calendar: {
      provisional:
        'The {{year}} holiday arrangement has not been published yet: the statutory holidays are used for now ({{holidays}}), with no make-up working days',
      entered: '{{year}} holidays follow the entered notice: {{notice}}',
      separator: ', ',
      holidays: {
        元旦: "New Year's Day",
        春节: 'Spring Festival',
        清明: 'Qingming',
        劳动节: 'Labour Day',
        端午: 'Dragon Boat Festival',
        中秋: 'Mid-Autumn Festival',
        国庆节: 'National Day',
      },
    },
  },
};
