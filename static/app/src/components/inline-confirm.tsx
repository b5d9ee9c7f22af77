import Button from '@atlaskit/button/new';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import { useEffect, useId, useRef } from 'react';
import { useT } from '../i18n/use-t';

const boxStyle = xcss({
  borderColor: 'color.border.warning',
  borderStyle: 'solid',
  borderWidth: 'border.width',
  borderRadius: 'radius.medium',
  backgroundColor: 'color.background.warning',
  padding: 'space.150',
});

export interface InlineConfirmProps {
  /** What will happen, as a question ("Move 4 unfinished issues to PAY 3.0 and …?"). */
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  isLoading?: boolean;
}

/**
 * A confirmation shown in place, next to the control that asked for it. Not a modal: the host
 * sizes the app's frame to its content, so a modal sits at the frame's top, possibly far off
 * screen. Cancel takes the focus, so Enter or Space by habit changes nothing; Escape cancels.
 */
export function InlineConfirm({ question, confirmLabel, onConfirm, onCancel, isLoading }: InlineConfirmProps) {
  const { t } = useT();
  const cancel = useRef<HTMLButtonElement>(null);
  const questionId = useId();
  useEffect(() => {
    cancel.current?.focus();
  }, []);
  return (
    // Escape is a convenience; Cancel is the control keyboard users reach (it has the focus).
    <div role="alertdialog" aria-label={confirmLabel} aria-describedby={questionId} onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <Box xcss={boxStyle}>
        <Stack space="space.100">
          <Text weight="medium" id={questionId}>
            {question}
          </Text>
          <Inline space="space.100">
            <Button ref={cancel} onClick={onCancel}>
              {t('releases.confirm.cancel')}
            </Button>
            <Button appearance="warning" onClick={onConfirm} isLoading={isLoading}>
              {confirmLabel}
            </Button>
          </Inline>
        </Stack>
      </Box>
    </div>
  );
}
