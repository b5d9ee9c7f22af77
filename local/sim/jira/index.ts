/** The simulated Jira Cloud: see README.md in this folder and jql/README.md for the JQL subset. */
export { createJiraSim, type JiraSimOptions } from './jira-sim';
export type { JiraState, JiraIssue, JiraProject, JiraVersion, JiraRole, JiraChangelogEntry, JiraRelatedWork } from './types';
export { JiraDb } from './db';
export { runJql, checkJql, parseJql, JqlError } from './jql';
export type { JiraEvent } from './events';
export { addRule, removeRule, rulesOf, PREFLIGHT_QA_VALIDATOR_KEY, type JiraWorkflowRule, type WorkflowValidatorRunner, type ValidatorPayload, type ValidatorOutcome } from './workflow-rules';
