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
  // More people for the concurrency test (10 people besides the viewer change one release at once). The seed gives
  // Jira roles to the first person of each persona only; a test that needs these adds them.
  { accountId: '712020:4d5e6f70-owner-2', displayName: 'Ravi Shah', emailAddress: 'ravi@preflight.local', persona: 'release-owner' },
  { accountId: '712020:5e6f7081-owner-3', displayName: 'Rosa Diaz', emailAddress: 'rosa@preflight.local', persona: 'release-owner' },
  { accountId: '712020:a3b4c5d6-owner-4', displayName: 'Rui Costa', emailAddress: 'rui@preflight.local', persona: 'release-owner' },
  { accountId: '712020:6f708192-developer-2', displayName: 'Dana Kim', emailAddress: 'dana@preflight.local', persona: 'developer' },
  { accountId: '712020:708192a3-developer-3', displayName: 'Diego Alvarez', emailAddress: 'diego@preflight.local', persona: 'developer' },
  { accountId: '712020:8192a3b4-qa-2', displayName: 'Qiu Lin', emailAddress: 'qiu@preflight.local', persona: 'qa' },
  { accountId: '712020:92a3b4c5-qa-3', displayName: 'Quentin Roy', emailAddress: 'quentin@preflight.local', persona: 'qa' },
];

export const DEFAULT_USER: LocalUser = LOCAL_USERS[0]!;

export function findUserByEmail(email: string): LocalUser | undefined {
  const wanted = email.trim().toLowerCase();
  return LOCAL_USERS.find((u) => u.emailAddress === wanted);
}

export function findUserById(accountId: string): LocalUser | undefined {
  return LOCAL_USERS.find((u) => u.accountId === accountId);
}
