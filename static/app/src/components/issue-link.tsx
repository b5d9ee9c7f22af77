import { router } from '@forge/bridge';
import type { MouseEvent } from 'react';

/**
 * A link to a Jira issue. Inside Jira the frame is on another origin, so the click goes through
 * the Forge router; the href keeps "open in new tab" and the status bar honest.
 */
export function IssueLink({ issueKey }: { issueKey: string }) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    void router.navigate({ target: 'issue', issueKey });
  };
  return (
    <a href={`/browse/${encodeURIComponent(issueKey)}`} onClick={onClick}>
      {issueKey}
    </a>
  );
}
