import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Box, Stack, xcss } from '@atlaskit/primitives';
import { useId, useState, type ReactNode } from 'react';

const sectionStyle = xcss({
  backgroundColor: 'elevation.surface.raised',
  boxShadow: 'elevation.shadow.raised',
  borderRadius: 'radius.large',
  padding: 'space.200',
});

/**
 * A settings section that opens and closes: its heading is a disclosure button (aria-expanded,
 * aria-controls; Enter and Space toggle it, as any button), so the page starts as a short list of
 * headings. The content is not rendered while closed.
 */
export function SettingsSection({ title, defaultOpen = false, testId, children }: { title: string; defaultOpen?: boolean; testId?: string; children: ReactNode }) {
  const [open, setOpen] = useState(defaultOpen);
  const contentId = useId();
  return (
    <Box xcss={sectionStyle} testId={testId}>
      <Stack space="space.200">
        <Heading size="medium" as="h2">
          <Button appearance="subtle" aria-expanded={open} aria-controls={contentId} onClick={() => setOpen(!open)}>
            <span aria-hidden="true">{open ? '▾ ' : '▸ '}</span>
            {title}
          </Button>
        </Heading>
        {open && (
          <div id={contentId}>
            <Stack space="space.200">{children}</Stack>
          </div>
        )}
      </Stack>
    </Box>
  );
}
