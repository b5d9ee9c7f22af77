import { calendarFromSearch, calendarPayload, searchFromCalendar } from '../../static/app/src/calendar/calendar-search';

describe("the calendar's URL", () => {
  it('round-trips zoom, month, the table view and the project filter', () => {
    const state = { zoom: 'month' as const, month: '2026-12', table: true, projects: ['PAY', 'MOB'] };
    const search = searchFromCalendar(state);
    expect(search).toBe('?zoom=month&month=2026-12&view=table&projects=PAY,MOB');
    expect(calendarFromSearch(search)).toEqual(state);
  });

  it('is empty for the defaults, so the plain page URL is the default view', () => {
    expect(searchFromCalendar({ table: false, projects: [] })).toBe('');
    expect(calendarFromSearch('')).toEqual({ table: false, projects: [] });
  });

  it('leaves out what a hand-edited URL got wrong instead of failing the page', () => {
    expect(calendarFromSearch('?zoom=year&month=2026-13&projects=pay,MOB,<x>')).toEqual({ table: false, projects: ['MOB'] });
  });

  it('sends the project filter only from the global page', () => {
    const state = { zoom: 'quarter' as const, table: false, projects: ['PAY'] };
    expect(calendarPayload(state, true)).toEqual({ zoom: 'quarter', projectKeys: ['PAY'] });
    expect(calendarPayload(state, false)).toEqual({ zoom: 'quarter' });
  });
});
