import SectionMessage from '@atlaskit/section-message';
import { Stack, Text } from '@atlaskit/primitives';
import { useEffect, useState } from 'react';
import { CHANNEL_LABELS, NOTIFICATION_KEYS, type FailedDelivery, type NotificationStatusView } from '../../../../src/shared/notifications';
import { callResolver } from '../bridge/call-resolver';
import type { UiTranslator } from '../i18n/load-translator';
import { useT } from '../i18n/use-t';
import { instantText } from '../lib/labels';

/**
 * Slack or Teams messages about this release that did not arrive, with when Preflight tries
 * again. Shown under the header only when there are some: a failed webhook never blocked the
 * action that caused it, so this is where the release owner learns the channel missed it.
 * Reloaded after every change of the release (its revision), since a change may notify.
 */
export function NotificationFailures({ versionId, revision }: { versionId: string; revision: number }) {
  const translator = useT();
  const { t } = translator;
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
    <SectionMessage appearance="warning" title={t('panel.notifications.title', { count })} testId="notification-failures">
      <Stack space="space.100">
        <ul aria-label={t('panel.notifications.listLabel')}>
          {failed.map((d) => (
            <li key={`${d.channel}-${d.title}-${d.lastAttemptAt}`}>
              <Text weight="medium">{t('panel.notifications.item', { channel: CHANNEL_LABELS[d.channel], title: d.title })}</Text>
              <br />
              <Text size="small" color="color.text.subtle">{describeDelivery(translator, d)}</Text>
            </li>
          ))}
        </ul>
        <Text size="small" color="color.text.subtlest">
          {t('panel.notifications.hint')}
        </Text>
      </Stack>
    </SectionMessage>
  );
}

/** "Failed 3 times, last at …: <error>. Next try …" (or that Preflight gave up). */
export function describeDelivery(translator: UiTranslator, d: FailedDelivery): string {
  const values = { attempts: d.attempts, last: instantText(translator, d.lastAttemptAt), error: d.lastError.replace(/\.$/, '') };
  return d.nextAttemptAt
    ? translator.t('panel.notifications.delivery', { ...values, next: instantText(translator, d.nextAttemptAt) })
    : translator.t('panel.notifications.deliveryStopped', values);
}
