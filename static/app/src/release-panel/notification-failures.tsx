import SectionMessage from '@atlaskit/section-message';
import { Stack, Text } from '@atlaskit/primitives';
import { useEffect, useState } from 'react';
import { CHANNEL_LABELS, NOTIFICATION_KEYS, type FailedDelivery, type NotificationStatusView } from '../../../../src/shared/notifications';
import { callResolver } from '../bridge/call-resolver';
import { formatInstant } from '../lib/labels';

/**
 * Slack or Teams messages about this release that did not arrive, with when Preflight tries
 * again. Shown under the header only when there are some: a failed webhook never blocked the
 * action that caused it, so this is where the release owner learns the channel missed it.
 * Reloaded after every change of the release (its revision), since a change may notify.
 */
export function NotificationFailures({ versionId, revision }: { versionId: string; revision: number }) {
  const [failed, setFailed] = useState<FailedDelivery[]>([]);

  useEffect(() => {
    let current = true;
    callResolver<NotificationStatusView>(NOTIFICATION_KEYS.status, { versionId })
      .then((status) => current && setFailed(status.failed))
      // The list is a side note: when it cannot be read the panel stays as it is, without it.
      .catch(() => current && setFailed([]));
    return () => {
      current = false;
    };
  }, [versionId, revision]);

  if (failed.length === 0) return null;
  const count = failed.length;
  return (
    <SectionMessage appearance="warning" title={`${count} notification${count === 1 ? '' : 's'} could not be delivered`} testId="notification-failures">
      <Stack space="space.100">
        <ul aria-label="Failed notifications">
          {failed.map((d) => (
            <li key={`${d.channel}-${d.title}-${d.lastAttemptAt}`}>
              <Text weight="medium">{`${CHANNEL_LABELS[d.channel]}: ${d.title}`}</Text>
              <br />
              <Text size="small" color="color.text.subtle">{describeDelivery(d)}</Text>
            </li>
          ))}
        </ul>
        <Text size="small" color="color.text.subtlest">
          A project admin can check the webhook URLs in the Preflight project settings.
        </Text>
      </Stack>
    </SectionMessage>
  );
}

/** "Failed 3 times, last at …: <error>. Next try …" (or that Preflight gave up). */
export function describeDelivery(d: FailedDelivery): string {
  const tries = `${d.attempts} attempt${d.attempts === 1 ? '' : 's'}`;
  const next = d.nextAttemptAt ? `Next try ${formatInstant(d.nextAttemptAt)}.` : 'Preflight has stopped retrying.';
  return `${tries}, the last ${formatInstant(d.lastAttemptAt)}: ${d.lastError.replace(/\.$/, '')}. ${next}`;
}
