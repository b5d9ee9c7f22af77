import type { SimHandler, SimRequest, SimResponse } from '../http-types';
import { JiraDb } from './db';
import { JiraHttpError, errorBody, type Route, type RouteContext } from './http';
import { createIssue } from './routes-create-issue';
import * as issues from './routes-issues';
import * as people from './routes-people';
import * as projects from './routes-projects';
import * as transitions from './routes-transitions';
import * as versionDelete from './routes-version-delete';
import type { JiraState } from './types';
import type { WorkflowValidatorRunner } from './workflow-rules';
import type { JiraEvent } from './events';

export interface JiraSimOptions {
  /** Mutated in place; persist it when onChange fires. */
  state: JiraState;
  /** Called after every mutation (the composer persists the state atomically). */
  onChange?: () => void;
  /** The simulated clock; defaults to the real one. */
  now?: () => Date;
  /** Site URL used in `self` links; defaults to the request's Host, else http://localhost:4000. */
  baseUrl?: string;
  /** Runs the app validators on workflow transitions (the runtime's invoke-validator.ts); without it a configured validator fails, as Jira fails one whose app is not installed. */
  validators?: WorkflowValidatorRunner;
  /** Receives the product events of each change (Forge's Jira events), for the runtime to deliver to triggers. */
  onEvent?: (event: JiraEvent) => void;
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Path templates with {param} segments, in match order (literal paths before parameters). */
const ROUTES: [Method, string, Route][] = [
  ['GET', '/rest/api/3/project/search', projects.searchProjects],
  ['GET', '/rest/api/3/project/{project}', projects.getProject],
  ['GET', '/rest/api/3/project/{project}/version', projects.getProjectVersionsPage],
  ['GET', '/rest/api/3/project/{project}/versions', projects.getProjectVersions],
  ['GET', '/rest/api/3/project/{project}/components', projects.getProjectComponents],
  ['GET', '/rest/api/3/project/{project}/role', projects.getProjectRoles],
  ['GET', '/rest/api/3/project/{project}/role/{id}', projects.getProjectRole],
  ['POST', '/rest/api/3/version', projects.createVersion],
  ['GET', '/rest/api/3/version/{id}', projects.getVersion],
  ['PUT', '/rest/api/3/version/{id}', projects.updateVersion],
  ['DELETE', '/rest/api/3/version/{id}', versionDelete.deleteVersion],
  ['POST', '/rest/api/3/version/{id}/removeAndSwap', versionDelete.removeAndSwapVersion],
  ['PUT', '/rest/api/3/version/{id}/mergeto/{moveIssuesTo}', versionDelete.mergeVersions],
  ['GET', '/rest/api/3/version/{id}/relatedIssueCounts', projects.getVersionRelatedIssueCounts],
  ['GET', '/rest/api/3/version/{id}/unresolvedIssueCount', projects.getVersionUnresolvedCount],
  ['GET', '/rest/api/3/version/{id}/relatedwork', projects.getRelatedWork],
  ['POST', '/rest/api/3/version/{id}/relatedwork', projects.createRelatedWork],
  ['PUT', '/rest/api/3/version/{id}/relatedwork', projects.updateRelatedWork],
  ['DELETE', '/rest/api/3/version/{id}/relatedwork/{relatedWorkId}', projects.deleteRelatedWork],
  ['POST', '/rest/api/3/issue', createIssue],
  ['POST', '/rest/api/3/issue/bulkfetch', issues.bulkFetchIssues],
  ['GET', '/rest/api/3/issue/{issue}', issues.getIssue],
  ['PUT', '/rest/api/3/issue/{issue}', issues.editIssue],
  ['GET', '/rest/api/3/issue/{issue}/changelog', issues.getChangelog],
  ['GET', '/rest/api/3/issue/{issue}/transitions', transitions.getTransitions],
  ['POST', '/rest/api/3/issue/{issue}/transitions', transitions.doTransition],
  ['GET', '/rest/api/3/issue/{issue}/properties', issues.getIssuePropertyKeys],
  ['GET', '/rest/api/3/issue/{issue}/properties/{key}', issues.getIssueProperty],
  ['PUT', '/rest/api/3/issue/{issue}/properties/{key}', issues.setIssueProperty],
  ['DELETE', '/rest/api/3/issue/{issue}/properties/{key}', issues.deleteIssueProperty],
  ['GET', '/rest/api/3/search/jql', issues.searchJqlGet],
  ['POST', '/rest/api/3/search/jql', issues.searchJqlPost],
  ['POST', '/rest/api/3/search/approximate-count', issues.approximateCount],
  ['POST', '/rest/api/3/jql/parse', issues.parseJqlQueries],
  ['GET', '/rest/api/3/search', issues.removedSearch],
  ['POST', '/rest/api/3/search', issues.removedSearch],
  ['GET', '/rest/api/3/myself', people.getMyself],
  ['GET', '/rest/api/3/user', people.getUser],
  ['GET', '/rest/api/3/user/bulk', people.bulkGetUsers],
  ['GET', '/rest/api/3/mypermissions', people.getMyPermissions],
  ['GET', '/rest/api/3/issuetype', people.getIssueTypes],
  ['GET', '/rest/api/3/status', people.getStatuses],
  ['GET', '/rest/api/3/statuscategory', people.getStatusCategories],
  ['GET', '/rest/api/3/priority', people.getPriorities],
  ['GET', '/rest/api/3/resolution', people.getResolutions],
  ['GET', '/rest/api/3/label', people.getLabels],
];

interface CompiledRoute {
  method: Method;
  pattern: RegExp;
  names: string[];
  route: Route;
}

const COMPILED: CompiledRoute[] = ROUTES.map(([method, template, route]) => {
  const names: string[] = [];
  const source = template.replace(/\{(\w+)\}/g, (_m, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { method, pattern: new RegExp(`^${source}$`), names, route };
});

/** The simulated Jira Cloud platform REST API v3 (the subset Preflight uses; see README). */
export function createJiraSim(opts: JiraSimOptions): SimHandler {
  const db = new JiraDb(opts.state);
  const clock = opts.now ?? (() => new Date());
  const changed = () => opts.onChange?.();

  return async (req: SimRequest): Promise<SimResponse | undefined> => {
    if (!req.path.startsWith('/rest/')) return undefined;
    const path = req.path.length > 1 ? req.path.replace(/\/+$/, '') : req.path;
    const onPath = COMPILED.filter((r) => r.pattern.test(path));
    if (onPath.length === 0) return errorBody(404, [`No Jira REST resource at ${req.path}.`]);
    const match = onPath.find((r) => r.method === req.method.toUpperCase());
    if (!match) return { ...errorBody(405, [`Method ${req.method} is not allowed on ${req.path}.`]), headers: { 'content-type': 'application/json', allow: onPath.map((r) => r.method).join(', ') } };
    if (!req.accountId && !req.asApp) {
      return errorBody(401, ['You are not authenticated. Authentication required to perform this operation.']);
    }
    const values = match.pattern.exec(path)!.slice(1);
    const params: Record<string, string> = {};
    match.names.forEach((name, i) => {
      params[name] = decodeURIComponent(values[i]!);
    });
    const ctx: RouteContext = {
      req,
      db,
      caller: { accountId: req.accountId, asApp: req.asApp },
      base: opts.baseUrl ?? (req.headers.host ? `http://${req.headers.host}` : 'http://localhost:4000'),
      now: clock(),
      params,
      changed,
      ...(opts.validators && { validators: opts.validators }),
      emit: (payload) => opts.onEvent?.({ eventType: String(payload.eventType), payload, causedByApp: req.asApp }),
    };
    try {
      return await match.route(ctx);
    } catch (e) {
      if (e instanceof JiraHttpError) return errorBody(e.status, e.errorMessages, e.errors);
      if (e instanceof URIError) return errorBody(400, [`The path ${req.path} is not correctly percent-encoded.`]);
      throw e;
    }
  };
}
