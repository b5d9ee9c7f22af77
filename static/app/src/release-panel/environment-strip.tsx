import Heading from '@atlaskit/heading';
import Lozenge, { type ThemeAppearance } from '@atlaskit/lozenge';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import Tooltip from '@atlaskit/tooltip';
import type { EnvironmentView, ReleaseView } from '../../../../src/shared/release-panel';
import { RouterLink } from '../components/router-link';
import { formatInstant, safeHttpsUrl } from '../lib/labels';

/**
 * "What runs where": each environment of the project with the latest deployment CI reported to it
 * (issue 13). Every value is CI's text rendered as text React escapes; a pipeline link is
 * clickable only when it is https.
 */

const KIND_NAMES: Record<EnvironmentView['kind'], string> = { development: 'Development', testing: 'Testing', staging: 'Staging', production: 'Production' };

export const DEPLOYMENT_STATUS: Record<EnvironmentView['status'], { label: string; appearance: ThemeAppearance }> = {
  successful: { label: 'Successful', appearance: 'success' },
  failed: { label: 'Failed', appearance: 'removed' },
  rolled_back: { label: 'Rolled back', appearance: 'removed' },
  in_progress: { label: 'In progress', appearance: 'inprogress' },
  pending: { label: 'Pending', appearance: 'new' },
  cancelled: { label: 'Cancelled', appearance: 'default' },
  unknown: { label: 'Unknown', appearance: 'default' },
};

const RELATIVE = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "3 hours ago", "yesterday": the largest unit that fits; the exact time is on hover. */
export function relativeTime(iso: string, now: Date = new Date()): string {
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return iso;
  const seconds = Math.round((then - now.getTime()) / 1000);
  const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return RELATIVE.format(Math.round(seconds / size), unit);
  }
  return 'just now';
}

const cardStyle = xcss({
  borderColor: 'color.border',
  borderStyle: 'solid',
  borderWidth: 'border.width',
  borderRadius: 'radius.medium',
  padding: 'space.150',
  minWidth: '200px',
  backgroundColor: 'elevation.surface',
});

function EnvironmentCard({ env }: { env: EnvironmentView }) {
  const status = DEPLOYMENT_STATUS[env.status];
  const link = safeHttpsUrl(env.url);
  return (
    <Box xcss={cardStyle} testId={`environment-${env.name}`} as="li">
      <Stack space="space.075">
        <Inline space="space.100" alignBlock="center" spread="space-between">
          <Text weight="bold">{env.name}</Text>
          <Lozenge appearance={env.kind === 'production' ? 'inprogress' : 'default'}>{KIND_NAMES[env.kind]}</Lozenge>
        </Inline>
        <Inline space="space.100" alignBlock="center">
          <Text>{`Build ${env.build}`}</Text>
          <Lozenge appearance={status.appearance} testId={`environment-${env.name}-status`}>
            {status.label}
          </Lozenge>
        </Inline>
        <Tooltip content={formatInstant(env.at)}>
          {(props) => (
            <Text size="small" color="color.text.subtle">
              <span {...props} tabIndex={0}>{`Since ${relativeTime(env.at)}`}</span>
            </Text>
          )}
        </Tooltip>
        {(env.pipeline || link) && (
          <Text size="small" color="color.text.subtlest">
            {'By '}
            {link ? <RouterLink href={link}>{env.pipeline ?? 'pipeline run'}</RouterLink> : env.pipeline}
          </Text>
        )}
      </Stack>
    </Box>
  );
}

export function EnvironmentStrip({ view }: { view: ReleaseView }) {
  if (!view.environments) return null;
  return (
    <Stack space="space.150" testId="environment-strip">
      <Heading size="small">Environments</Heading>
      {view.environments.length === 0 ? (
        <Text color="color.text.subtle">No deployments reported yet: see README CI/CD.</Text>
      ) : (
        <Box as="ul" xcss={xcss({ listStyle: 'none', padding: 'space.0', margin: 'space.0' })}>
          <Inline space="space.150" shouldWrap>
            {view.environments.map((env) => (
              <EnvironmentCard key={env.name} env={env} />
            ))}
          </Inline>
        </Box>
      )}
    </Stack>
  );
}
