import Heading from '@atlaskit/heading';
import Lozenge, { type ThemeAppearance } from '@atlaskit/lozenge';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import Tooltip from '@atlaskit/tooltip';
import type { EnvironmentView, ReleaseView } from '../../../../src/shared/release-panel';
import { RouterLink } from '../components/router-link';
import type { UiTranslator } from '../i18n/load-translator';
import { useT } from '../i18n/use-t';
import { instantText, safeHttpsUrl } from '../lib/labels';

/**
 * "What runs where": each environment of the project with the latest deployment CI reported to it
 * (issue 13). Every value is CI's text rendered as text React escapes; a pipeline link is
 * clickable only when it is https.
 */

/** Lozenge colours per deployment status; the words are in the catalogue (panel.env.status.*). */
export const DEPLOYMENT_APPEARANCE: Record<EnvironmentView['status'], ThemeAppearance> = {
  successful: 'success',
  failed: 'removed',
  rolled_back: 'removed',
  in_progress: 'inprogress',
  pending: 'new',
  cancelled: 'default',
  unknown: 'default',
};

/** "3 hours ago", "yesterday" in the person's language: the largest unit that fits; the exact time is on hover. */
export function relativeTime(translator: UiTranslator, iso: string, now: Date = new Date()): string {
  const relative = new Intl.RelativeTimeFormat(translator.tag, { numeric: 'auto' });
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return iso;
  const seconds = Math.round((then - now.getTime()) / 1000);
  const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return translator.t('panel.time.justNow');
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
  const translator = useT();
  const { t } = translator;
  const link = safeHttpsUrl(env.url);
  return (
    <Box xcss={cardStyle} testId={`environment-${env.name}`} as="li">
      <Stack space="space.075">
        <Inline space="space.100" alignBlock="center" spread="space-between">
          <Text weight="bold">{env.name}</Text>
          <Lozenge appearance={env.kind === 'production' ? 'inprogress' : 'default'}>{t(`panel.env.kind.${env.kind}`)}</Lozenge>
        </Inline>
        <Inline space="space.100" alignBlock="center">
          <Text>{t('panel.env.build', { build: env.build })}</Text>
          <Lozenge appearance={DEPLOYMENT_APPEARANCE[env.status]} testId={`environment-${env.name}-status`}>
            {t(`panel.env.status.${env.status}`)}
          </Lozenge>
        </Inline>
        <Tooltip content={instantText(translator, env.at)}>
          {(props) => (
            <Text size="small" color="color.text.subtle">
              <span {...props} tabIndex={0}>{t('panel.env.since', { when: relativeTime(translator, env.at) })}</span>
            </Text>
          )}
        </Tooltip>
        {(env.pipeline || link) && (
          <Text size="small" color="color.text.subtlest">
            {t('panel.env.by')}{' '}
            {link ? <RouterLink href={link}>{env.pipeline ?? t('panel.env.pipelineRun')}</RouterLink> : env.pipeline}
          </Text>
        )}
      </Stack>
    </Box>
  );
}

export function EnvironmentStrip({ view }: { view: ReleaseView }) {
  const { t } = useT();
  if (!view.environments) return null;
  return (
    <Stack space="space.150" testId="environment-strip">
      <Heading size="small">{t('panel.env.heading')}</Heading>
      {view.environments.length === 0 ? (
        <Text color="color.text.subtle">{t('panel.env.none')}</Text>
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
