/**
 * The working-day calendar of a year: published (chinese-days), provisional (the statutory
 * holidays) or entered by the planner from the State Council's notice and stored in the workspace.
 * No sample: a new workspace has no entered arrangement.
 */
import { calendarChannels } from '../../../src-shared/contract/calendar';
import type { BackendFeature } from '../feature';
import { clearArrangement, getCalendarYear, installStoredArrangements, saveArrangement } from './calendar-service';
import { CalendarArrangement1764115200007 } from './migrations/0007-calendar-arrangement';

export { calendarYear, installStoredArrangements } from './calendar-service';

export const calendarFeature: BackendFeature<typeof calendarChannels> = {
  name: 'calendar',
  handlers: {
    'calendar/get-year': (ws, input) => getCalendarYear(ws, input.year),
    'calendar/save-arrangement': (ws, input) => saveArrangement(ws, input),
    'calendar/clear-arrangement': (ws, input) => clearArrangement(ws, input.year),
  },
  migrations: [CalendarArrangement1764115200007],
  onOpen: installStoredArrangements,
};
