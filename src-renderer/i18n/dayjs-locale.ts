/**
 * dayjs names the months and weekdays in antd's date and month pickers (antd's own locale only
 * labels the buttons), so it follows the UI language: 一月 … 十二月 and 一 … 日 in Chinese.
 * Imported for this effect by every module that shows a picker (shell/DayPicker.tsx and the pages
 * with antd's DatePicker), never by the first screen, which has none. Runs once, when first imported.
 */
import dayjs from 'dayjs';
import 'dayjs/locale/en';
import 'dayjs/locale/zh-cn';
import i18n from 'i18next';

const dayjsLocaleOf = (language: string | undefined) => (language === 'en' ? 'en' : 'zh-cn');

dayjs.locale(dayjsLocaleOf(i18n.language));
i18n.on('languageChanged', (language) => dayjs.locale(dayjsLocaleOf(language)));
