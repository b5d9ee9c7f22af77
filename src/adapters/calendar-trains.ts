import type { CalendarTrainSource } from '../usecases/get-calendar';

/**
 * Placeholder until the release trains' store is in place: the calendar draws no train bars.
 * The train store's `list` replaces it in composition (calendarDeps).
 */
export function noTrainsYet(): CalendarTrainSource {
  return { list: async () => [] };
}
