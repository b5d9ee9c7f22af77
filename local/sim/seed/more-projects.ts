import type { JiraProject, JiraState, JiraVersion } from '../jira/types';

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Adds `count` small projects to a seeded Jira, each with one unreleased version whose release
 * date passed `daysOverdue` days ago, and the seed's people in the same project roles as in the
 * seed's first project. For scale tests of work that fans out per project (the daily reminders).
 * Keys are `<prefix>001`, `<prefix>002`, ...
 * @throws Error when the state has no project to copy roles from, or a key is taken.
 */
export function addOverdueProjects(state: JiraState, opts: { count: number; now: Date; prefix?: string; daysOverdue?: number }): Array<{ key: string; projectId: string; versionId: string; versionName: string }> {
  const template = state.projects[0];
  if (!template) throw new Error('addOverdueProjects needs a seeded Jira (its first project lends the roles)');
  const prefix = opts.prefix ?? 'RQ';
  const width = Math.max(3, String(opts.count).length);
  const nowMs = opts.now.getTime();
  const added: Array<{ key: string; projectId: string; versionId: string; versionName: string }> = [];
  for (let i = 1; i <= opts.count; i++) {
    const key = `${prefix}${String(i).padStart(width, '0')}`;
    if (state.projects.some((p) => p.key === key)) throw new Error(`Project ${key} exists already`);
    const project: JiraProject = {
      id: String(state.counters.projectId++),
      key,
      name: `Reminder scale ${key}`,
      description: 'A project of the reminders scale test.',
      leadAccountId: template.leadAccountId,
      components: [],
      nextIssueNumber: 1,
    };
    state.projects.push(project);
    for (const role of state.roles) role.actors[project.id] = [...(role.actors[template.id] ?? [])];
    const version: JiraVersion = {
      id: String(state.counters.versionId++),
      projectId: project.id,
      name: `${key} 1.0`,
      description: 'Overdue on purpose.',
      startDate: isoDay(nowMs - 30 * DAY_MS),
      releaseDate: isoDay(nowMs - (opts.daysOverdue ?? 3) * DAY_MS),
      released: false,
      archived: false,
      sequence: 1,
      driverAccountId: template.leadAccountId,
      relatedWork: [],
    };
    state.versions.push(version);
    added.push({ key, projectId: project.id, versionId: version.id, versionName: version.name });
  }
  return added;
}

/**
 * Adds `count` projects for the release calendar's scale test and bench, each with three versions
 * around `now`: one released three weeks ago, one due in two weeks (started a month ago) and one
 * due in two months, and the seed's people in the same project roles as in the seed's first
 * project (so every persona sees them). Keys are `<prefix>001`, `<prefix>002`, ...
 * @throws Error when the state has no project to copy roles from, or a key is taken.
 */
export function addCalendarProjects(state: JiraState, opts: { count: number; now: Date; prefix?: string }): Array<{ key: string; projectId: string }> {
  const template = state.projects[0];
  if (!template) throw new Error('addCalendarProjects needs a seeded Jira (its first project lends the roles)');
  const prefix = opts.prefix ?? 'CAL';
  const width = Math.max(3, String(opts.count).length);
  const nowMs = opts.now.getTime();
  const plans = [
    { suffix: '1.0', start: -60, release: -21, released: true },
    { suffix: '1.1', start: -30, release: 14, released: false },
    { suffix: '2.0', start: 15, release: 60, released: false },
  ];
  const added: Array<{ key: string; projectId: string }> = [];
  for (let i = 1; i <= opts.count; i++) {
    const key = `${prefix}${String(i).padStart(width, '0')}`;
    if (state.projects.some((p) => p.key === key)) throw new Error(`Project ${key} exists already`);
    const project: JiraProject = {
      id: String(state.counters.projectId++),
      key,
      name: `Calendar scale ${key}`,
      description: 'A project of the release calendar scale test.',
      leadAccountId: template.leadAccountId,
      components: [],
      nextIssueNumber: 1,
    };
    state.projects.push(project);
    for (const role of state.roles) role.actors[project.id] = [...(role.actors[template.id] ?? [])];
    plans.forEach((plan, index) => {
      const version: JiraVersion = {
        id: String(state.counters.versionId++),
        projectId: project.id,
        name: `${key} ${plan.suffix}`,
        description: 'Calendar scale version.',
        startDate: isoDay(nowMs + plan.start * DAY_MS),
        releaseDate: isoDay(nowMs + plan.release * DAY_MS),
        released: plan.released,
        archived: false,
        sequence: index + 1,
        driverAccountId: template.leadAccountId,
        relatedWork: [],
      };
      state.versions.push(version);
    });
    added.push({ key, projectId: project.id });
  }
  return added;
}
