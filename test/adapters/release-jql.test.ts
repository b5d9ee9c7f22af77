import { jqlSince } from '../../src/adapters/jira-http';
import { releaseJql } from '../../src/adapters/release-jql';

const query = {
  versionId: '10004',
  versionName: 'PAY 2.2',
  asOf: '2026-11-26T12:00:30.000Z',
  blockerPriorities: ['Highest', 'High'],
  qaIssueTypes: ['Story', 'Bug'],
  buildUnderTest: '2.2.0-rc"1',
  frozenAt: '2026-11-26T10:25:00.000Z',
};

describe('the JQL behind the gates', () => {
  it.each`
    frozenAt                      | asOf                          | since
    ${'2026-11-26T10:25:00.000Z'} | ${'2026-11-26T12:00:30.000Z'} | ${'"-96m"'}
    ${'2026-11-26T11:59:59.000Z'} | ${'2026-11-26T12:00:00.000Z'} | ${'"-1m"'}
    ${'2026-11-26T12:00:00.000Z'} | ${'2026-11-26T12:00:00.000Z'} | ${'"-1m"'}
  `('counts "after the freeze" back from now, the same in every time zone ($since)', ({ frozenAt, asOf, since }) => {
    expect(jqlSince(frozenAt, new Date(asOf))).toBe(since);
  });

  it('asks for issues added after the freeze by the version name, relative to now', () => {
    expect(releaseJql(query, 'scope-added')).toBe('fixVersion = 10004 AND fixVersion CHANGED TO "PAY 2.2" AFTER "-96m" ORDER BY key ASC');
  });

  it('escapes a build id in the QA query, and spells out "not approved" for issues without the property', () => {
    expect(releaseJql(query, 'qa-pending')).toBe(
      'fixVersion = 10004 AND issuetype IN ("Story", "Bug") AND (issue.property[preflight-qa].status IS EMPTY OR ' +
        'issue.property[preflight-qa].status != "approved" OR issue.property[preflight-qa].build != "2.2.0-rc\\"1") ORDER BY key ASC',
    );
  });

  it('has no blocker query when no priority counts as a blocker', () => {
    expect(releaseJql({ ...query, blockerPriorities: [] }, 'open-blockers')).toBeUndefined();
  });
});
