import { Text } from '@atlaskit/primitives';

/**
 * Why the control next to it is disabled, as visible text: disabled buttons receive no hover or
 * focus, so a tooltip on them would never show. Give it an `id` and point the control's
 * aria-describedby at it where the control passes that through.
 */
export function WhyDisabled({ reason, id }: { reason: string | undefined; id?: string }) {
  if (!reason) return null;
  return (
    <Text size="small" color="color.text.subtlest" id={id}>
      {reason}
    </Text>
  );
}
