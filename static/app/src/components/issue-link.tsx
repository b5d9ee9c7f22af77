import { RouterLink, useSiteUrl } from './router-link';

/**
 * A link to a Jira issue. The click goes through the Forge router (the issue target), since the
 * sandboxed frame cannot navigate by itself; the href names the issue on the site, so the status
 * bar and "copy link" show the real address.
 */
export function IssueLink({ issueKey }: { issueKey: string }) {
  const site = useSiteUrl();
  const path = `/browse/${encodeURIComponent(issueKey)}`;
  return (
    <RouterLink href={site ? `${site}${path}` : path} to={{ target: 'issue', issueKey }} newTab={false}>
      {issueKey}
    </RouterLink>
  );
}
