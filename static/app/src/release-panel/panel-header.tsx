import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import type { ReleaseView } from '../../../../src/shared/release-panel';
import { useT } from '../i18n/use-t';
import { instantText, releaseTypeName } from '../lib/labels';
import { dayText } from './format';
import { ReleaseTypePicker } from './release-type-picker';
import type { ReleaseController } from './use-release';

/** Name, type, dates, build under test and the release's warnings, above everything else. */
export function PanelHeader({ view, ctl, onBack }: { view: ReleaseView; ctl: ReleaseController; onBack: () => void }) {
  const translator = useT();
  const { t, number } = translator;
  const { version } = view;
  const build = view.buildUnderTest;
  return (
    <Stack space="space.150">
      <Inline>
        <Button appearance="subtle" spacing="compact" onClick={onBack}>
          {t('panel.back')}
        </Button>
      </Inline>
      <Inline space="space.100" alignBlock="center" shouldWrap>
        <Heading size="large">{version.name}</Heading>
        <Lozenge appearance="new">{releaseTypeName(translator, view.releaseType)}</Lozenge>
        {version.released && <Lozenge appearance="success">{t('panel.header.releasedInJira')}</Lozenge>}
        {view.completed && <Lozenge appearance="success">{t('panel.header.completed')}</Lozenge>}
      </Inline>
      {version.description && <Text>{version.description}</Text>}
      <Inline space="space.300" shouldWrap>
        <Fact label={t('panel.header.startDate')} value={version.startDate ? dayText(translator, version.startDate) : t('panel.header.notSet')} />
        <Fact label={t('panel.header.releaseDate')} value={version.releaseDate ? dayText(translator, version.releaseDate) : t('panel.header.notSet')} />
        <Fact label={t('panel.header.issuesDone')} value={t('panel.header.issuesDoneValue', { done: number(view.issueCounts.done), total: number(view.issueCounts.total) })} />
        <Fact
          label={t('panel.header.build')}
          value={build ? t('panel.header.buildValue', { build: build.id, name: build.by.displayName, when: instantText(translator, build.at) }) : t('panel.header.buildNone')}
        />
        {view.frozenAt && <Fact label={t('panel.header.frozen')} value={instantText(translator, view.frozenAt)} />}
        {view.announcementDate && <Fact label={t('panel.header.announcement')} value={dayText(translator, view.announcementDate)} />}
      </Inline>
      <ReleaseTypePicker view={view} ctl={ctl} />
      {/* The one place a read-only person reads why: no section below repeats it. */}
      {view.me.readOnlyReason && (
        <SectionMessage appearance="information" title={t('panel.readOnly.title')} testId="read-only-note">
          <p>{view.me.readOnlyReason}</p>
        </SectionMessage>
      )}
      {view.flags.map((flag) => (
        <SectionMessage key={flag.kind} appearance={flag.kind === 'overdue' ? 'error' : 'warning'} title={t(`panel.flag.${flag.kind}`)}>
          <p>{flag.message}</p>
        </SectionMessage>
      ))}
    </Stack>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <Stack space="space.025">
      <Text size="small" color="color.text.subtlest">
        {label}
      </Text>
      <Text>{value}</Text>
    </Stack>
  );
}
