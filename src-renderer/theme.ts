import type { ThemeConfig } from 'antd';

/**
 * The antd theme of the whole app. Also what the build renders the first screen's antd styles
 * with (shell/antd-static-styles.tsx), so the two must be this one object.
 */
export const APP_THEME: ThemeConfig = {
  token: {
    colorPrimary: '#1668dc',
    borderRadius: 4,
    fontFamily: "'PingFang SC', 'Microsoft YaHei', 'PlanDesk Sans', 'Noto Sans CJK SC', 'Source Han Sans SC', sans-serif",
  },
};
