import { Text } from '@atlaskit/primitives';

/**
 * Why the controls next to it are disabled. Visible text rather than only a tooltip: disabled
 * buttons receive no hover or focus, so a tooltip on them would never show.
 */
export function ReadOnlyNote({ reason }: { reason: string | undefined }) {
  if (!reason) return null;
  return (
    <Text size="small" color="color.text.subtlest">
      Read only: {reason}
    </Text>
  );
}
