import { z } from 'zod';
import { RESOLUTIONS, STATUSES, resolutionById, statusById, type StatusDef } from './catalog';
import { badRequest, noContent, ok, parseBody, type Route } from './http';
import { browsableIssue } from './routes-issues';
import { issueUpdatedEvent } from './events';
import { statusJson } from './serialize';
import type { JiraChangeItem, JiraIssue } from './types';
import { runValidators, statusOfTransition, transitionIdOf } from './workflow-rules';

/**
 * Workflow transitions: the only way Jira changes an issue's status. The simulated workflow is
 * Jira's "simplified" one (every status reachable from every other by a global transition named
 * after its target status). Entering a Done-category status sets the resolution (Done unless the
 * request names one) and its date; leaving it clears both, as Jira's default workflow does.
 */


function transitionJson(base: string, to: StatusDef): Record<string, unknown> {
  return {
    id: transitionIdOf(to),
    name: to.name,
    to: statusJson(base, to),
    hasScreen: false,
    isGlobal: true,
    isInitial: false,
    isAvailable: true,
    isConditional: false,
    isLooped: false,
  };
}

/** The transitions the caller may perform now: none without the Transition issues permission. */
function available(issue: JiraIssue): StatusDef[] {
  return STATUSES.filter((s) => s.id !== issue.statusId);
}

export const getTransitions: Route = (ctx) => {
  const issue = browsableIssue(ctx, ctx.params.issue!);
  if (!ctx.db.can(ctx.caller, issue.projectId, 'TRANSITION_ISSUES')) return ok({ transitions: [] });
  const only = ctx.req.query.get('transitionId');
  const list = available(issue).filter((s) => only === null || transitionIdOf(s) === only);
  return ok({ transitions: list.map((s) => transitionJson(ctx.base, s)) });
};

const resolutionRef = z.union([z.object({ id: z.string() }), z.object({ name: z.string() })]);
const transitionSchema = z.object({
  transition: z.object({ id: z.string().min(1) }).loose().optional(),
  fields: z.object({ resolution: resolutionRef.optional() }).loose().optional(),
  update: z.record(z.string(), z.unknown()).optional(),
  historyMetadata: z.unknown().optional(),
  properties: z.unknown().optional(),
});

export const doTransition: Route = async (ctx) => {
  const issue = browsableIssue(ctx, ctx.params.issue!);
  const body = parseBody(transitionSchema, ctx.req.body);
  if (!body.transition) throw badRequest('', { transition: "'transition' identifier must be specified." });
  // Jira documents a missing transition permission on this operation as a 400.
  if (!ctx.db.can(ctx.caller, issue.projectId, 'TRANSITION_ISSUES')) throw badRequest('You do not have permission to transition this issue.');
  const to = statusOfTransition(body.transition.id);
  if (!to || !available(issue).includes(to)) throw badRequest(`Transition id '${body.transition.id}' is not valid for this issue.`);
  // No transition has a screen: any field other than the resolution is not on one.
  const extra = Object.keys(body.fields ?? {}).filter((f) => f !== 'resolution');
  if (extra.length > 0 || Object.keys(body.update ?? {}).length > 0) {
    const field = extra[0] ?? Object.keys(body.update ?? {})[0]!;
    throw badRequest('', { [field]: `Field '${field}' cannot be set. It is not on the appropriate screen, or unknown.` });
  }
  let resolutionId: string | null = null;
  if (to.category === 'done') {
    const ref = body.fields?.resolution;
    const chosen = ref ? RESOLUTIONS.find((r) => ('id' in ref ? r.id === ref.id : r.name === ref.name)) : RESOLUTIONS[0];
    if (!chosen) throw badRequest('', { resolution: 'Specify a valid resolution.' });
    resolutionId = chosen.id;
  } else if (body.fields?.resolution) {
    throw badRequest('', { resolution: "Field 'resolution' cannot be set. It is not on the appropriate screen, or unknown." });
  }
  // The workflow's validators run before anything changes; one that fails refuses the transition (400).
  const resolution = body.fields?.resolution && resolutionId ? resolutionById(resolutionId) : undefined;
  await runValidators(ctx.db.state, ctx.validators, issue, to, resolution ? { resolution: { self: `${ctx.base}/rest/api/3/resolution/${resolution.id}`, id: resolution.id, name: resolution.name } } : {});

  const at = ctx.now.toISOString();
  const from = statusById(issue.statusId);
  const items: JiraChangeItem[] = [{ field: 'status', fieldId: 'status', fieldtype: 'jira', from: issue.statusId, fromString: from?.name ?? null, to: to.id, toString: to.name }];
  if (resolutionId !== issue.resolutionId) {
    items.push({
      field: 'resolution',
      fieldId: 'resolution',
      fieldtype: 'jira',
      from: issue.resolutionId,
      fromString: issue.resolutionId ? (resolutionById(issue.resolutionId)?.name ?? null) : null,
      to: resolutionId,
      toString: resolutionId ? (resolutionById(resolutionId)?.name ?? null) : null,
    });
  }
  issue.statusId = to.id;
  issue.resolutionId = resolutionId;
  issue.resolutionDate = resolutionId ? at : null;
  issue.updated = at;
  issue.changelog.push({ id: ctx.db.nextId('changelogId'), authorAccountId: ctx.caller.accountId ?? issue.reporterAccountId, created: at, items });
  ctx.changed();
  ctx.emit(issueUpdatedEvent(ctx.db, ctx.base, ctx.now, issue, issue.changelog[issue.changelog.length - 1]!, ctx.caller.accountId));
  return noContent();
};
