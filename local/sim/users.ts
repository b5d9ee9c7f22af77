/**
 * The local site's people. The same four people exist in Jira, Confluence and the user switcher.
 * Account ids look like real Atlassian ones (opaque strings); emails are what basic auth uses.
 */
export interface LocalUser {
  accountId: string;
  displayName: string;
  emailAddress: string;
  /** What this person is for in the demo; Jira project roles in the seed follow it. */
  persona: 'release-owner' | 'developer' | 'qa' | 'viewer';
}

export const LOCAL_USERS: readonly LocalUser[] = [
  { accountId: '712020:0f1e2d3c-release-owner', displayName: 'Rita Owens', emailAddress: 'rita@preflight.local', persona: 'release-owner' },
  { accountId: '712020:1a2b3c4d-developer', displayName: 'Dev Patel', emailAddress: 'dev@preflight.local', persona: 'developer' },
  { accountId: '712020:2b3c4d5e-qa-engineer', displayName: 'Quinn Adams', emailAddress: 'quinn@preflight.local', persona: 'qa' },
  { accountId: '712020:3c4d5e6f-viewer', displayName: 'Vera Lind', emailAddress: 'vera@preflight.local', persona: 'viewer' },
];

export const DEFAULT_USER: LocalUser = LOCAL_USERS[0]!;

export function findUserByEmail(email: string): LocalUser | undefined {
  const wanted = email.trim().toLowerCase();
  return LOCAL_USERS.find((u) => u.emailAddress === wanted);
}

export function findUserById(accountId: string): LocalUser | undefined {
  return LOCAL_USERS.find((u) => u.accountId === accountId);
}
