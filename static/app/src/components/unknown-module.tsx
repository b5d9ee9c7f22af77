import SectionMessage from '@atlaskit/section-message';
import { useT } from '../i18n/use-t';

/** Shown when the manifest names a module this build has no screen for (a deploy mismatch). */
export function UnknownModule({ moduleKey }: { moduleKey: string }) {
  const { t } = useT();
  return (
    <SectionMessage appearance="error" title={t('common.unknownModule.title')}>
      <p>{t('common.unknownModule.body', { moduleKey })}</p>
    </SectionMessage>
  );
}
