import SectionMessage from '@atlaskit/section-message';
import { Text } from '@atlaskit/primitives';
import type { ReleaseView } from '../../../../src/shared/release-panel';
import { formatInstant } from '../lib/labels';

/**
 * Says plainly when the Jira version was released in Jira while Preflight's gates blocked, or when
 * the version is gone from Jira (issue 13). Every value is text React escapes, never markup: names
 * and gate names are typed by people.
 */
export function ReleasedOutsideBanner({ view }: { view: ReleaseView }) {
  const outside = view.releasedOutside;
  const deleted = view.versionDeleted;
  if (!outside && !deleted) return null;
  return (
    <>
      {outside && (
        <SectionMessage appearance="warning" title="Released outside Preflight" testId="released-outside-banner">
          <Text as="p">
            {`${outside.by.displayName} released the version in Jira on ${outside.releaseDate} (${formatInstant(outside.at)}) while these gates blocked: ${outside.failingGates.join(', ')}. The release moved on; the gate snapshot is in the audit trail.`}
          </Text>
        </SectionMessage>
      )}
      {deleted && (
        <SectionMessage appearance="information" title={deleted.mergedInto ? 'Version merged in Jira' : 'Version deleted in Jira'} testId="version-deleted-banner">
          <Text as="p">
            {deleted.mergedInto
              ? `${deleted.by.displayName} merged this version into ${deleted.mergedInto} in Jira on ${formatInstant(deleted.at)}. This record is kept for its history.`
              : `${deleted.by.displayName} deleted this version in Jira on ${formatInstant(deleted.at)}. This record is kept for its history.`}
          </Text>
        </SectionMessage>
      )}
    </>
  );
}
