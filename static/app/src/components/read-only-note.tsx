import { Text } from '@atlaskit/primitives';
import { useT } from '../i18n/use-t';

/**
 * Why the controls next to it are disabled. Visible text rather than only a tooltip: disabled
 * buttons receive no hover or focus, so a tooltip on them would never show.
 */
export function ReadOnlyNote({ reason }: { reason: string | undefined }) {
  const { t } = useT();
  if (!reason) return null;
  return (
    <Text size="small" color="color.text.subtlest">
      {t('releases.readOnly.note', { reason })}
    </Text>
  );
}
