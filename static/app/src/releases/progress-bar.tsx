import { Box, Inline, xcss } from '@atlaskit/primitives';
import Tooltip from '@atlaskit/tooltip';
import type { IssueCounts } from '../../../../src/shared/releases';
import { useT } from '../i18n/use-t';
import { describeProgress } from './overview-filters';

const trackStyle = xcss({
  display: 'flex',
  width: '160px',
  height: '8px',
  borderRadius: 'radius.small',
  overflow: 'hidden',
  backgroundColor: 'color.background.neutral',
});

// Jira's own colours for the three status categories, as design tokens so dark mode follows.
const doneStyle = xcss({ backgroundColor: 'color.background.success.bold', height: '100%' });
const inProgressStyle = xcss({ backgroundColor: 'color.background.information.bold', height: '100%' });
const toDoStyle = xcss({ backgroundColor: 'color.background.neutral.bold', height: '100%' });

const focusStyle = xcss({
  borderRadius: 'radius.small',
  ':focus-visible': { outlineColor: 'color.border.focused', outlineStyle: 'solid', outlineWidth: 'border.width.focused', outlineOffset: 'space.025' },
});

/**
 * Done / in progress / to do as three segments of one bar. The numbers are in a tooltip for the
 * pointer and the keyboard (the bar takes focus), and are the bar's accessible name.
 */
export function ProgressBar({ counts }: { counts: IssueCounts }) {
  const total = counts.done + counts.inProgress + counts.toDo;
  const text = describeProgress(useT(), counts);
  const width = (n: number) => `${total === 0 ? 0 : (n / total) * 100}%`;
  return (
    <Tooltip content={text}>
      {(tooltipProps) => (
        <Inline alignBlock="center">
          <Box {...tooltipProps} xcss={focusStyle} role="img" aria-label={text} tabIndex={0} testId="progress-bar">
            <Box xcss={trackStyle}>
              <Box xcss={doneStyle} style={{ width: width(counts.done) }} />
              <Box xcss={inProgressStyle} style={{ width: width(counts.inProgress) }} />
              <Box xcss={toDoStyle} style={{ width: width(counts.toDo) }} />
            </Box>
          </Box>
        </Inline>
      )}
    </Tooltip>
  );
}
