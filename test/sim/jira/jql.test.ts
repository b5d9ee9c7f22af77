import fc from 'fast-check';
import { JiraDb, JqlError, checkJql, parseJql, runJql } from '../../../local/sim/jira';
import type { JqlContext } from '../../../local/sim/jira/jql';
import { DEV, NOW, tinyState } from './helpers';

function context(overrides: Partial<JqlContext> = {}): JqlContext {
  const db = new JiraDb(tinyState());
  return { db, currentAccountId: DEV, now: NOW, visibleProjectIds: new Set(['10000', '10001']), ...overrides };
}

function keys(jql: string, ctx = context()): string[] {
  return runJql(jql, ctx).map((i) => i.key);
}

describe('JQL: which issues match', () => {
  // [query, issues it finds (in the query's order; no ORDER BY means newest key first)]
  const cases: [string, string[]][] = [
    ['project = PAY ORDER BY key ASC', ['PAY-1', 'PAY-2', 'PAY-3', 'PAY-4', 'PAY-5']],
    ['project = 10001 ORDER BY key', ['MOB-1', 'MOB-2']],
    ['project = "Mobile App" ORDER BY key', ['MOB-1', 'MOB-2']],
    ['project in (PAY, MOB) AND issuetype = Bug ORDER BY key', ['PAY-2', 'MOB-2']],
    ['fixVersion = "2.0" ORDER BY key', ['PAY-2', 'PAY-3', 'PAY-4']],
    ['fixVersion = 20002 AND statusCategory != Done ORDER BY key', ['PAY-2', 'PAY-3', 'PAY-4']],
    ['fixVersion in (1.0, M1) ORDER BY key', ['PAY-1', 'MOB-1', 'MOB-2']],
    ['project = PAY AND fixVersion is EMPTY', ['PAY-5']],
    ['project = PAY AND fixVersion IS NOT EMPTY ORDER BY key', ['PAY-1', 'PAY-2', 'PAY-3', 'PAY-4']],
    // != never matches an empty field, as in Jira.
    ['project = PAY AND fixVersion != 2.0', ['PAY-1']],
    ['project = PAY AND fixVersion not in (2.0, 1.0)', []],
    ['project = PAY AND fixVersion in (EMPTY, 1.0) ORDER BY key', ['PAY-1', 'PAY-5']],
    ['fixVersion in unreleasedVersions(PAY) ORDER BY key', ['PAY-2', 'PAY-3', 'PAY-4']],
    ['fixVersion in releasedVersions() ORDER BY key', ['PAY-1']],
    ['fixVersion = earliestUnreleasedVersion(PAY) ORDER BY key', ['PAY-2', 'PAY-3', 'PAY-4']],
    ['status = "In Progress"', ['PAY-2']],
    ['status in ("To Do", "In Review") AND project = PAY ORDER BY key', ['PAY-3', 'PAY-4', 'PAY-5']],
    ['statusCategory = indeterminate ORDER BY key', ['PAY-2', 'PAY-4']],
    ['statusCategory = "To Do" AND project = MOB', ['MOB-2']],
    ['type = Sub-task', ['PAY-4']],
    ['issuetype = Epic OR priority = Highest ORDER BY key', ['PAY-2', 'PAY-5']],
    ['priority > Medium ORDER BY key', ['PAY-1', 'PAY-2', 'MOB-2']],
    ['priority <= Low ORDER BY key', ['PAY-3', 'PAY-5']],
    ['labels = internal ORDER BY key', ['PAY-1', 'PAY-4']],
    ['labels in (ux, regression) ORDER BY key', ['PAY-2', 'PAY-4']],
    ['project = PAY AND labels is EMPTY ORDER BY key', ['PAY-3', 'PAY-5']],
    ['project = PAY AND labels != internal ORDER BY key', ['PAY-2']],
    ['component = Billing', ['PAY-2']],
    ['component in (Checkout, iOS) ORDER BY key', ['PAY-1', 'MOB-1']],
    ['resolution = Unresolved AND project = MOB', ['MOB-2']],
    ['resolution is not EMPTY ORDER BY key', ['PAY-1', 'MOB-1']],
    ['resolution = Done ORDER BY key', ['PAY-1', 'MOB-1']],
    ['key = PAY-3', ['PAY-3']],
    ['issuekey in (PAY-1, mob-2) ORDER BY key', ['PAY-1', 'MOB-2']],
    ['key > PAY-3 ORDER BY key', ['PAY-4', 'PAY-5']],
    ['parent = PAY-3', ['PAY-4']],
    ['assignee = currentUser()', ['PAY-1']],
    ['assignee is EMPTY AND project = MOB ORDER BY key', ['MOB-1', 'MOB-2']],
    ['reporter = "quinn@preflight.local"', ['MOB-2']],
    ['created >= "2025-05-02" ORDER BY key', ['PAY-3', 'PAY-4']],
    ['created < 2025/01/01', ['PAY-1']],
    ['created > "-3w 2d" ORDER BY key', ['PAY-4']],
    ['fixVersion CHANGED FROM EMPTY', ['PAY-2']],
    ['fixVersion CHANGED FROM 3.0 TO EMPTY', []],
    ['resolutiondate >= startOfDay(-45d)', ['MOB-1']],
    ['updated <= "2025-01-05 10:00"', ['PAY-1']],
    ['summary ~ "ledger client" ORDER BY key', ['PAY-3', 'PAY-4']],
    ['summary ~ "refund" OR text ~ "twice"', ['PAY-2']],
    ['project = PAY AND summary !~ ledger ORDER BY key', ['PAY-1', 'PAY-2', 'PAY-5']],
    ['NOT project = PAY', ['MOB-2', 'MOB-1']],
    ['project = PAY AND NOT (labels = internal OR fixVersion is EMPTY) ORDER BY key', ['PAY-2', 'PAY-3']],
    ['(project = MOB OR labels = regression) AND priority = High', ['MOB-2']],
    ['project = MOB && priority = High || key = PAY-1 ORDER BY key', ['PAY-1', 'MOB-2']],
    ['issue.property[preflight-qa].state = approved', ['PAY-2']],
    ['issue.property[preflight-qa].state != approved', ['PAY-3']],
    ['issue.property[preflight-qa].builds = b2', ['PAY-2']],
    ['issue.property["preflight-qa"].state in (approved, rejected) ORDER BY key', ['PAY-2', 'PAY-3']],
    ['project = PAY AND issue.property[preflight-qa].state is EMPTY ORDER BY key', ['PAY-1', 'PAY-4', 'PAY-5']],
    ['fixVersion CHANGED', ['PAY-3', 'PAY-2']],
    ['fixVersion CHANGED TO "2.0" ORDER BY key', ['PAY-2', 'PAY-3']],
    ['fixVersion changed FROM 3.0 TO 2.0', ['PAY-3']],
    ['fixVersion CHANGED TO 2.0 AFTER "2025-05-21"', ['PAY-3']],
    ['fixVersion CHANGED BEFORE "2025-05-21"', ['PAY-2']],
    ['fixVersion CHANGED DURING ("2025-05-19", "2025-05-21")', ['PAY-2']],
    ['fixVersion CHANGED BY currentUser()', ['PAY-3']],
    ['fixVersion CHANGED ON "2025-05-25"', ['PAY-3']],
  ];

  it.each(cases)('%s', (jql, expected) => {
    expect(keys(jql)).toEqual(expected);
  });
});

describe('JQL: ORDER BY', () => {
  const cases: [string, string[]][] = [
    ['project = PAY ORDER BY priority DESC', ['PAY-2', 'PAY-1', 'PAY-4', 'PAY-3', 'PAY-5']],
    ['project = PAY ORDER BY created DESC', ['PAY-4', 'PAY-3', 'PAY-2', 'PAY-5', 'PAY-1']],
    ['project = MOB ORDER BY summary ASC', ['MOB-2', 'MOB-1']],
    ['project = PAY ORDER BY fixVersion ASC, key DESC', ['PAY-1', 'PAY-4', 'PAY-3', 'PAY-2', 'PAY-5']],
    ['project = PAY AND fixVersion = 2.0 ORDER BY status, key', ['PAY-2', 'PAY-4', 'PAY-3']],
  ];
  it.each(cases)('%s', (jql, expected) => {
    expect(keys(jql)).toEqual(expected);
  });
});

describe('JQL: visibility', () => {
  it('never returns issues of projects the caller cannot browse, and treats their names as unknown', () => {
    const ctx = context({ visibleProjectIds: new Set(['10000']) });
    expect(keys('priority = High', ctx)).toEqual(['PAY-1']);
    expect(() => keys('project = MOB', ctx)).toThrow("The value 'MOB' does not exist for the field 'project'.");
  });
});

describe('JQL: mistakes are reported the way Jira words them', () => {
  const cases: [string, string][] = [
    ['project = PAY AND (status = Done', "Error in the JQL Query: Expecting ')' before the end of the query."],
    ['project = PAY foo', "Error in the JQL Query: Expecting either 'OR' or 'AND' but got 'foo'. (line 1, character 15)"],
    ['summary ~ "unfinished', "Error in the JQL Query: The quoted string 'unfinished' has not been completed. (line 1, character 11)"],
    ['project', 'Error in the JQL Query: Expecting operator before the end of the query.'],
    ['project = ', 'Error in the JQL Query: Expecting either a value, list or function before the end of the query.'],
    ['project PAY', "Error in the JQL Query: Expecting operator but got 'PAY'."],
    ['project in PAY', "Error in the JQL Query: Expecting '(' but got 'PAY'. (line 1, character 12)"],
    ['status = and', "Expecting either a value, list or function but got 'and'"],
    ['project = PAY ORDER key', "Error in the JQL Query: Expecting 'by' after 'order'"],
    ['project = PAY & x', "The character '&' is a reserved JQL character."],
    ['colour = red', "Field 'colour' does not exist or you do not have permission to view it."],
    ['project = NOPE', "The value 'NOPE' does not exist for the field 'project'."],
    ['fixVersion = "9.9"', "The value '9.9' does not exist for the field 'fixVersion'."],
    ['status = Shipped', "The value 'Shipped' does not exist for the field 'status'."],
    ['assignee = nobody@example.com', "The value 'nobody@example.com' does not exist for the field 'assignee'."],
    ['labels > a', "The operator '>' is not supported by the 'labels' field."],
    ['summary = x', "The operator '=' is not supported by the 'summary' field."],
    ['created > "last tuesday"', "Date value 'last tuesday' for field 'created' is invalid."],
    ['fixVersion = latestShinyVersion()', "Unable to find JQL function 'latestShinyVersion()'"],
    ['status CHANGED', "History searches are not supported for the 'status' field."],
    ['project = PAY ORDER BY colour', "Field 'colour' does not exist"],
    ['project = PAY ORDER BY description', "Not able to sort using field 'description'."],
  ];
  it.each(cases)('%s', (jql, message) => {
    expect(() => keys(jql)).toThrow(JqlError);
    expect(() => keys(jql)).toThrow(message);
  });

  it('refuses an unbounded query only where asked to', () => {
    expect(() => runJql('ORDER BY key', context(), { requireBounded: true })).toThrow('Unbounded JQL queries are not allowed here.');
    expect(runJql('order by key', context())).toHaveLength(7);
  });
});

describe('JQL: the parse tree', () => {
  it('binds AND tighter than OR and keeps ORDER BY separate', () => {
    const q = parseJql('a = 1 OR b = 2 AND c = 3 ORDER BY created DESC, key');
    expect(q.where).toMatchObject({ kind: 'or', items: [{ kind: 'clause' }, { kind: 'and', items: [{ kind: 'clause' }, { kind: 'clause' }] }] });
    expect(q.orderBy.map((s) => s.direction)).toEqual(['DESC', 'ASC']);
  });

  it('reads property paths and CHANGED predicates', () => {
    const q = parseJql('issue.property[qa].build.id = "42" AND fixVersion CHANGED FROM EMPTY TO 2.0 AFTER -7d');
    expect(q.where).toMatchObject({
      kind: 'and',
      items: [
        { kind: 'clause', field: { kind: 'property', key: 'qa', path: ['build', 'id'] }, operator: '=' },
        { kind: 'changed', predicates: [{ name: 'FROM', operand: { kind: 'empty' } }, { name: 'TO' }, { name: 'AFTER' }] },
      ],
    });
  });

  it('validates without running', () => {
    expect(() => checkJql('project = PAY AND fixVersion = 2.0', context())).not.toThrow();
    expect(() => checkJql('project = PAY AND fixVersion = 2.5', context())).toThrow(JqlError);
  });
});

describe('JQL: robustness', () => {
  it('answers any input with a result or a JqlError, never a crash', () => {
    const pieces = fc.constantFrom('project', '=', 'PAY', 'AND', 'OR', 'NOT', '(', ')', ',', 'IN', 'IS', 'EMPTY', 'fixVersion', 'CHANGED', 'TO', '"2.0"', 'ORDER', 'BY', 'key', 'DESC', '~', 'summary', 'issue.property[qa].x', '!=', '>', 'created', '-1d', "'", '[', ']');
    const ctx = context();
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(pieces, { maxLength: 12 }).map((p) => p.join(' '))), (jql) => {
        try {
          runJql(jql, ctx);
        } catch (e) {
          expect(e).toBeInstanceOf(JqlError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
