/** Texts of 年度目标 (targets.*): 中文 (the default) and English, with the same keys. */
export const zhCN = {
  targets: {
    title: '{{year}} 年度目标',
    organisation: '组织 / 人员',
    total: '合计',
    expandAll: '全部展开',
    collapseAll: '全部折叠',
    hint: '直接输入即替换 · Enter/Tab 移动 · Delete 清除 · Ctrl+V 粘贴 Excel/WPS 区域 · Ctrl+Z/Ctrl+Y 撤销/重做',
    chartMetric: '图表指标',
    chartTitle: '{{unit}} · {{metric}}',
    chartEmpty: '没有下级单位可对比',
    loading: '正在加载工作区…',
    loadFailed: '工作区加载失败：{{message}}',
    pasted: '已粘贴 {{count}} 个单元格',
    noTarget: '未设目标',
    challengeBelowBasic: '挑战目标低于基本目标：挑战目标应不低于基本目标',
    challengeAboveBasic: '挑战目标高于基本目标：此指标越低越好，挑战目标应不高于基本目标',
    inconsistentCount: '不一致 {{count}}',
    inconsistentHint: '{{count}} 处挑战目标与基本目标方向不一致，点击定位下一处',
  },
};

export const en: typeof zhCN = {
  targets: {
    title: '{{year}} annual targets',
    organisation: 'Organisation / people',
    total: 'Total',
    expandAll: 'Expand all',
    collapseAll: 'Collapse all',
    hint: 'Type to replace · Enter/Tab to move · Delete to clear · Ctrl+V pastes an Excel/WPS block · Ctrl+Z/Ctrl+Y undo/redo',
    chartMetric: 'Chart metric',
    chartTitle: '{{unit}} · {{metric}}',
    chartEmpty: 'No sub-units to compare',
    loading: 'Loading workspace…',
    loadFailed: 'Could not load the workspace: {{message}}',
    pasted: 'Pasted {{count}} cells',
    noTarget: 'No target',
    challengeBelowBasic: 'Challenge target below the basic target: the challenge should be at least the basic target',
    challengeAboveBasic: 'Challenge target above the basic target: lower is better for this metric, so the challenge should be at most the basic target',
    inconsistentCount: 'Inconsistent {{count}}',
    inconsistentHint: '{{count}} challenge targets on the wrong side of the basic target; click to go to the next',
  },
};
