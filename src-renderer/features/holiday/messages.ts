/** Texts of 两节供应计划, coming soon (coming.*): 中文 (the default) and English, with the same keys. */
export const zhCN = {
  coming: {
    holidayTitle: '两节供应计划即将推出',
    holidayBody: '元旦、春节销售目标分解与逐日跟踪、备货计划、值班表将在后续版本提供。',
  },
};

export const en: typeof zhCN = {
  coming: {
    holidayTitle: 'Holiday supply plans are coming',
    holidayBody: 'New Year and Spring Festival sales targets tracked day by day, stocking plans and duty rosters come in a later version.',
  },
};
