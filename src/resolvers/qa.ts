import { z } from 'zod';
import { jiraIssueNotes } from '../adapters/jira-issue-notes';
import { jiraQa } from '../adapters/jira-qa';
import { kvsQaStore } from '../adapters/kvs-qa-store';
import { releaseDeps } from '../composition';
import { decideManyQaPayload, decideQaPayload, issueQaPayload, releaseNotePayload, saveReleaseNotePayload } from '../shared/qa';
import { decideQa, decideQaMany } from '../usecases/decide-qa';
import { getIssueQa, type IssueActor, type QaDeps } from '../usecases/get-issue-qa';
import { getIssueReleaseNote, type ReleaseNoteDeps } from '../usecases/get-issue-release-note';
import { saveIssueReleaseNote } from '../usecases/save-issue-release-note';
import { defineResolver, type Caller } from './define-resolver';
import { projectPageContext } from './releases';

/** The issue module (jira:issueContext) carries the issue and its project. */
const issueContext = z.looseObject({
  siteUrl: z.string().optional(),
  extension: z.looseObject({
    issue: z.looseObject({ id: z.coerce.string().regex(/^\d{1,18}$/), key: z.string().regex(/^[A-Z][A-Z0-9_]{0,254}-\d+$/) }),
    project: z.looseObject({ id: z.coerce.string(), key: z.string().regex(/^[A-Z][A-Z0-9_]{0,254}$/) }),
  }),
});
type IssueContext = z.infer<typeof issueContext>;

function qaDeps(siteUrl: string | undefined): QaDeps {
  // Reads of the issue and the gate's JQL go as the person; the property write inside jiraQa goes as the app, after the QA role check.
  return { ...releaseDeps(siteUrl ?? ''), qaChecks: { jira: jiraQa(), store: kvsQaStore() } };
}

function releaseNoteDeps(siteUrl: string | undefined): ReleaseNoteDeps {
  // The property goes as the person both ways: Jira checks they may see, and edit, the issue.
  return { ...releaseDeps(siteUrl ?? ''), issueNotes: jiraIssueNotes() };
}

const issueActor = (context: IssueContext, accountId: string, caller: Caller): IssueActor => ({
  accountId,
  ...caller,
  issue: { id: context.extension.issue.id, key: context.extension.issue.key },
  project: { id: context.extension.project.id, key: context.extension.project.key },
});

/** QA build approvals. The use cases check the QA role before any write; the UI's disabled buttons are a courtesy. */
export const qaResolvers = {
  issue: defineResolver({
    payload: issueQaPayload,
    context: issueContext,
    run: (_input, context, accountId, caller) => getIssueQa(qaDeps(context.siteUrl), issueActor(context, accountId, caller)),
  }),
  decide: defineResolver({
    payload: decideQaPayload,
    context: issueContext,
    run: (input, context, accountId, caller) => decideQa(qaDeps(context.siteUrl), issueActor(context, accountId, caller), input),
  }),
  releaseNote: defineResolver({
    payload: releaseNotePayload,
    context: issueContext,
    run: (_input, context, accountId, caller) => getIssueReleaseNote(releaseNoteDeps(context.siteUrl), issueActor(context, accountId, caller)),
  }),
  saveReleaseNote: defineResolver({
    payload: saveReleaseNotePayload,
    context: issueContext,
    run: (input, context, accountId, caller) => saveIssueReleaseNote(releaseNoteDeps(context.siteUrl), issueActor(context, accountId, caller), input),
  }),
  decideMany: defineResolver({
    payload: decideManyQaPayload,
    context: projectPageContext,
    run: (input, context, accountId, caller) => {
      const { id, key } = context.extension.project;
      return decideQaMany(qaDeps(context.siteUrl), { accountId, project: { id, key }, ...caller }, input);
    },
  }),
};
