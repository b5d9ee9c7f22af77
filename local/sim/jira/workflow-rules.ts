import { STATUSES, type StatusDef } from './catalog';
import { JiraHttpError } from './http';
import type { JiraIssue, JiraState } from './types';

/**
 * Workflow rules of the simulated Jira: app validators (Forge `jira:workflowValidator` modules)
 * that a project admin adds to a transition. Jira runs every validator on a transition before it
 * changes anything; one that fails stops the transition with its error message, and the issue
 * stays where it was. The simulated workflow is Jira's simplified one (one global transition into
 * each status), so a rule names the transition by the status it enters. Sources and what is
 * assumed: README.md ("Workflow rules").
 */

/** One validator on one transition of a project's workflow. */
export interface JiraWorkflowRule {
  id: string;
  projectId: string;
  /** The transition it sits on (the simplified workflow's transition into `toStatusId`). */
  transitionId: string;
  toStatusId: string;
  /** The Forge module that provides the validator (its `key` in the app's manifest). */
  moduleKey: string;
  /** Saved by the rule's configuration page (`workflowRules.onConfigure`); Preflight's rule has none. */
  configuration: Record<string, unknown>;
  addedBy: string;
  addedAt: string;
}

/** What Jira passes a Forge validator function (developer.atlassian.com "Jira workflow validator", lambda functions). */
export interface ValidatorPayload {
  issue: { key: string };
  configuration: Record<string, unknown>;
  transition: { from: { id: string }; to: { id: string }; modifiedFields: Record<string, unknown> };
}

/** A validator function's answer: `errorMessage` is shown only when `result` is false. */
export interface ValidatorOutcome {
  result: boolean;
  errorMessage?: string;
}

/** Runs a validator module's function as Forge would (the runtime provides it: local/runtime/invoke-validator.ts). */
export type WorkflowValidatorRunner = (call: { moduleKey: string; payload: ValidatorPayload }) => Promise<ValidatorOutcome>;

/** The Preflight validator the seed puts on PAY's transition into Done (the demo shows it). */
export const PREFLIGHT_QA_VALIDATOR_KEY = 'preflight-qa-validator';

/** The transition into a status: ids 11, 21, 31, ... in catalog order, like a simplified workflow's. */
export const transitionIdOf = (status: StatusDef): string => `${STATUSES.indexOf(status) + 1}1`;
export const statusOfTransition = (id: string): StatusDef | undefined => STATUSES.find((s) => transitionIdOf(s) === id);

/** The project's rules (state from before rules existed has none). */
export function rulesOf(state: JiraState, projectId: string): JiraWorkflowRule[] {
  return (state.workflowRules ?? []).filter((r) => r.projectId === projectId);
}

/**
 * Adds a validator to the transition into `toStatusId` (once: adding it again changes nothing).
 * @throws JiraHttpError 400 for an unknown status.
 */
export function addRule(state: JiraState, rule: { projectId: string; toStatusId: string; moduleKey: string; addedBy: string; at: Date }): JiraWorkflowRule {
  const status = STATUSES.find((s) => s.id === rule.toStatusId);
  if (!status) throw new JiraHttpError(400, [`There is no status ${rule.toStatusId} in this workflow.`]);
  const rules = (state.workflowRules ??= []);
  const existing = rules.find((r) => r.projectId === rule.projectId && r.toStatusId === status.id && r.moduleKey === rule.moduleKey);
  if (existing) return existing;
  const id = String(rules.reduce((max, r) => Math.max(max, Number(r.id) || 0), 0) + 1);
  const added: JiraWorkflowRule = {
    id,
    projectId: rule.projectId,
    transitionId: transitionIdOf(status),
    toStatusId: status.id,
    moduleKey: rule.moduleKey,
    configuration: {},
    addedBy: rule.addedBy,
    addedAt: rule.at.toISOString(),
  };
  rules.push(added);
  return added;
}

/** Removes a rule of the project; false when it has no such rule. */
export function removeRule(state: JiraState, projectId: string, ruleId: string): boolean {
  const rules = state.workflowRules ?? [];
  const index = rules.findIndex((r) => r.projectId === projectId && r.id === ruleId);
  if (index < 0) return false;
  rules.splice(index, 1);
  return true;
}

/** Jira's own words when a validator fails without a message of its own (ASSUMED wording). */
export const DEFAULT_VALIDATOR_MESSAGE = 'The transition was refused by a workflow validator.';

/**
 * Runs the validators on the transition of `issue` into `to`, in the order they were added, before
 * anything changes. The first that fails stops the transition: a 400 whose `errorMessages` carry
 * its message, the way Jira answers a transition its workflow refuses. With no runner (no app
 * installed to provide the validator) the validator fails, as Jira documents for a validator whose
 * app is uninstalled.
 * @throws JiraHttpError 400 when a validator refuses.
 */
export async function runValidators(
  state: JiraState,
  runner: WorkflowValidatorRunner | undefined,
  issue: JiraIssue,
  to: StatusDef,
  modifiedFields: Record<string, unknown>,
): Promise<void> {
  const rules = rulesOf(state, issue.projectId).filter((r) => r.toStatusId === to.id);
  for (const rule of rules) {
    const payload: ValidatorPayload = {
      issue: { key: issue.key },
      configuration: rule.configuration,
      transition: { from: { id: issue.statusId }, to: { id: to.id }, modifiedFields },
    };
    const outcome: ValidatorOutcome = runner ? await runner({ moduleKey: rule.moduleKey, payload }) : { result: false, errorMessage: `The app that provides the validator ${rule.moduleKey} is not installed.` };
    if (outcome.result !== true) throw new JiraHttpError(400, [outcome.errorMessage?.trim() || DEFAULT_VALIDATOR_MESSAGE]);
  }
}
