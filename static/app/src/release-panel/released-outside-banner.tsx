import SectionMessage from '@atlaskit/section-message';
import { Text } from '@atlaskit/primitives';
import type { ReleaseView } from '../../../../src/shared/release-panel';
import { useT } from '../i18n/use-t';
import { instantText } from '../lib/labels';
import { dayText } from './format';

/**
 * Says plainly when the Jira version was released in Jira while Preflight's gates blocked, or when
 * the version is gone from Jira (issue 13). Every value is text React escapes, never markup: names
 * and gate names are typed by people.
 */
export function ReleasedOutsideBanner({ view }: { view: ReleaseView }) {
  const translator = useT();
  const { t, list } = translator;
  const outside = view.releasedOutside;
  const deleted = view.versionDeleted;
  if (!outside && !deleted) return null;
  return (
    <>
      {outside && (
        <SectionMessage appearance="warning" title={t('panel.outside.title')} testId="released-outside-banner">
          <Text as="p">
            {t('panel.outside.body', {
              name: outside.by.displayName,
              date: dayText(translator, outside.releaseDate),
              when: instantText(translator, outside.at),
              gates: list(outside.failingGates),
            })}
          </Text>
        </SectionMessage>
      )}
      {deleted && (
        <SectionMessage appearance="information" title={deleted.mergedInto ? t('panel.deleted.mergedTitle') : t('panel.deleted.deletedTitle')} testId="version-deleted-banner">
          <Text as="p">
            {deleted.mergedInto
              ? t('panel.deleted.mergedBody', { name: deleted.by.displayName, target: deleted.mergedInto, when: instantText(translator, deleted.at) })
              : t('panel.deleted.deletedBody', { name: deleted.by.displayName, when: instantText(translator, deleted.at) })}
          </Text>
        </SectionMessage>
      )}
    </>
  );
}
