import { route } from '@forge/api';
import { mapLimited } from '../domain/map-limited';
import { z } from 'zod';
import { NOTES_PROPERTY, notesPropertySchema, type NoteIssue } from '../domain/release-notes';
import type { MacroReads } from '../ports';
import { JSON_HEADERS, jiraJson, jqlSince, jqlString, type JiraClient } from './jira-http';

/** Jira's largest page when only ids are asked for, and its largest bulk fetch. */
const ID_PAGE = 5000;
const BULK = 100;
/** Bulk fetches in flight at once: fast, yet gentle on Jira's rate limits. */
export const BULK_CONCURRENCY = 8;

const NOTE_FIELDS = ['summary', 'issuetype', 'labels', 'components', 'parent', 'status'];

const idPageSchema = z.looseObject({ issues: z.array(z.looseObject({ id: z.string() })).default([]), nextPageToken: z.string().optional() });
const noteIssueSchema = z.looseObject({
  id: z.string(),
  key: z.string(),
  fields: z
    .looseObject({
      summary: z.string().nullish(),
      issuetype: z.looseObject({ name: z.string() }).nullish(),
      labels: z.array(z.string()).nullish(),
      components: z.array(z.looseObject({ name: z.string() })).nullish(),
      parent: z.looseObject({ key: z.string(), fields: z.looseObject({ summary: z.string().nullish() }).nullish() }).nullish(),
      status: z.looseObject({ statusCategory: z.looseObject({ key: z.string() }).nullish() }).nullish(),
    })
    .default({}),
  properties: z.record(z.string(), z.unknown()).nullish(),
});
const bulkSchema = z.looseObject({ issues: z.array(noteIssueSchema).default([]) });
const countSchema = z.looseObject({ count: z.number().int().nonnegative() });
const keysSchema = z.looseObject({
  issues: z
    .array(z.looseObject({ key: z.string(), fields: z.looseObject({ fixVersions: z.array(z.looseObject({ name: z.string() })).nullish() }).default({}) }))
    .default([]),
});
const projectSchema = z.looseObject({ id: z.coerce.string(), key: z.string(), name: z.string().default('') });
const projectPageSchema = z.looseObject({ values: z.array(projectSchema).default([]), isLast: z.boolean().optional() });
const versionsSchema = z.array(z.looseObject({ id: z.string(), name: z.string(), released: z.boolean().default(false), archived: z.boolean().default(false), releaseDate: z.string().optional() }));

function toNoteIssue(issue: z.infer<typeof noteIssueSchema>): NoteIssue {
  const f = issue.fields;
  const notes = notesPropertySchema.safeParse(issue.properties?.[NOTES_PROPERTY]);
  return {
    id: issue.id,
    key: issue.key,
    summary: f.summary ?? '',
    issueType: f.issuetype?.name ?? '',
    labels: f.labels ?? [],
    components: (f.components ?? []).map((c) => c.name),
    // Jira's three categories; anything else (or none) is not done, so it never counts as shipped.
    statusCategory: f.status?.statusCategory?.key === 'done' ? 'done' : f.status?.statusCategory?.key === 'new' ? 'new' : 'indeterminate',
    ...(f.parent && { epic: { key: f.parent.key, summary: f.parent.fields?.summary ?? f.parent.key } }),
    // A malformed property is ignored: the summary is a fine release note.
    ...(notes.success && issue.properties?.[NOTES_PROPERTY] !== undefined && { notes: notes.data }),
  };
}

/** The macros' Jira reads, as whoever `jira` is (the person viewing the macro). */
export function jiraMacroReads(jira: JiraClient): MacroReads {
  const count = async (jql: string, describe: string) =>
    (
      await jiraJson(describe, countSchema, () =>
        jira.requestJira(route`/rest/api/3/search/approximate-count`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ jql }) }),
      )
    ).count;

  return {
    async project(projectKey) {
      const p = await jiraJson(`read project ${projectKey}`, projectSchema, () =>
        jira.requestJira(route`/rest/api/3/project/${projectKey}`, { method: 'GET', headers: JSON_HEADERS }),
      );
      return { id: p.id, key: p.key };
    },

    async projects() {
      const page = await jiraJson('list your projects', projectPageSchema, () =>
        jira.requestJira(route`/rest/api/3/project/search?maxResults=100&orderBy=key`, { method: 'GET', headers: JSON_HEADERS }),
      );
      return page.values.map((p) => ({ id: p.id, key: p.key, name: p.name }));
    },

    async versions(projectKey) {
      const all = await jiraJson(`list the versions of ${projectKey}`, versionsSchema, () =>
        jira.requestJira(route`/rest/api/3/project/${projectKey}/versions`, { method: 'GET', headers: JSON_HEADERS }),
      );
      // Newest first, archived ones left out: nobody writes notes for those.
      return all
        .filter((v) => !v.archived)
        .reverse()
        .map((v) => ({ id: v.id, name: v.name, released: v.released, ...(v.releaseDate && { releaseDate: v.releaseDate }) }));
    },

    async notesIssues(versionId) {
      const ids: string[] = [];
      let token: string | undefined;
      do {
        const body = { jql: `fixVersion = ${versionId} ORDER BY key ASC`, maxResults: ID_PAGE, fields: ['id'], ...(token && { nextPageToken: token }) };
        const page = await jiraJson('list the issues of the release', idPageSchema, () =>
          jira.requestJira(route`/rest/api/3/search/jql`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(body) }),
        );
        ids.push(...page.issues.map((i) => i.id));
        token = page.nextPageToken;
      } while (token);
      const batches: string[][] = [];
      for (let i = 0; i < ids.length; i += BULK) batches.push(ids.slice(i, i + BULK));
      const fetched = await mapLimited(batches, BULK_CONCURRENCY, (batch) =>
        jiraJson('read the issues of the release', bulkSchema, () =>
          jira.requestJira(route`/rest/api/3/issue/bulkfetch`, {
            method: 'POST',
            headers: JSON_HEADERS,
            body: JSON.stringify({ issueIdsOrKeys: batch, fields: NOTE_FIELDS, properties: [NOTES_PROPERTY] }),
          }),
        ),
      );
      return fetched.flatMap((answer) => answer.issues.map(toNoteIssue));
    },

    async scopeFacts({ projectKey, versionId, versionName, frozenAt, asOf }) {
      const name = jqlString(versionName);
      const after = frozenAt ? ` AFTER ${jqlSince(frozenAt, new Date(asOf))}` : '';
      // A version's name is unique only within its project: other projects' issues stay out.
      const inProject = `project = ${jqlString(projectKey)}`;
      const left = `${inProject} AND fixVersion CHANGED FROM ${name}${after} AND (fixVersion IS EMPTY OR fixVersion != ${versionId})`;
      const slippedJql = `${inProject} AND fixVersion CHANGED FROM ${name} AND fixVersion IS NOT EMPTY AND fixVersion != ${versionId} ORDER BY key ASC`;
      const [inVersion, added, removedAfterFreeze, slipped] = await Promise.all([
        count(`fixVersion = ${versionId}`, 'count the issues of the release'),
        frozenAt
          ? jiraJson('list issues added after the freeze', keysSchema, () =>
              jira.requestJira(route`/rest/api/3/search/jql`, {
                method: 'POST',
                headers: JSON_HEADERS,
                // Everything that joined after the freeze, including issues that later left again.
                body: JSON.stringify({ jql: `${inProject} AND fixVersion CHANGED TO ${name}${after} ORDER BY key ASC`, maxResults: 100, fields: ['key'] }),
              }),
            )
          : Promise.resolve({ issues: [] }),
        frozenAt ? count(left, 'count issues that left the release after the freeze') : Promise.resolve(0),
        jiraJson('list issues that slipped to another version', keysSchema, () =>
          jira.requestJira(route`/rest/api/3/search/jql`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ jql: slippedJql, maxResults: 100, fields: ['key', 'fixVersions'] }) }),
        ),
      ]);
      return {
        inVersion,
        addedAfterFreeze: added.issues.map((i) => i.key),
        removedAfterFreeze,
        slipped: slipped.issues.map((i) => ({ issueKey: i.key, to: (i.fields.fixVersions ?? []).map((v) => v.name).join(', ') })),
      };
    },
  };
}
