/** Texts of 报表打印 (reports.*): 中文 (the default) and English, with the same keys. */
import type { ReportId } from '../../../src-shared/contract/channels';

export const zhCN = {
  reports: {
    allAreas: '全部片区',
    title: '打印预览',
    pages: '共 {{count}} 页',
    print: '打印',
    savePdf: '导出 PDF',
    saveXlsx: '导出 Excel',
    loading: '正在生成报表…',
    exportingPdf: '正在导出 PDF…',
    exportingXlsx: '正在导出 Excel…',
    cancel: '取消',
    saveCancelled: '已取消保存',
    exportCancelled: '已取消导出',
    savedTo: '已保存到 {{path}}',
    downloaded: '已下载 {{name}}',
    printPreview: '打印预览',
    stage: { building: '正在汇总数据…', rendering: '正在排版…', writing: '正在写入文件…', done: '完成' },
    // The printed reports are Chinese documents; only their names in this list follow the language.
    names: {
      targets: '年度目标完成情况表',
      'strategy-demand': '需求分析及产品匹配策略表',
      'strategy-habit': '消费习惯分析及促销策略表',
      'strategy-screening': '大客户筛选评分表',
      'strategy-summary': '营销策略月度汇总表',
    } satisfies Record<ReportId, string>,
  },
};

export const en: typeof zhCN = {
  reports: {
    allAreas: 'All areas',
    title: 'Print preview',
    pages: '{{count}} pages',
    print: 'Print',
    savePdf: 'Save as PDF',
    saveXlsx: 'Save as Excel',
    loading: 'Building the report…',
    exportingPdf: 'Exporting PDF…',
    exportingXlsx: 'Exporting Excel…',
    cancel: 'Cancel',
    saveCancelled: 'Save cancelled',
    exportCancelled: 'Export cancelled',
    savedTo: 'Saved to {{path}}',
    downloaded: 'Downloaded {{name}}',
    printPreview: 'Print preview',
    stage: { building: 'Collecting figures…', rendering: 'Laying out pages…', writing: 'Writing the file…', done: 'Done' },
    names: {
      targets: 'Annual targets and attainment',
      'strategy-demand': 'Needs analysis and product matching',
      'strategy-habit': 'Buying habits and promotion strategy',
      'strategy-screening': 'Key account screening scores',
      'strategy-summary': 'Monthly marketing strategy summary',
    },
  },
};
