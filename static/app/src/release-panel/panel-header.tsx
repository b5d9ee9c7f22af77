import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import type { ReleaseView } from '../../../../src/shared/release-panel';
import { RELEASE_TYPE_NAMES, formatInstant } from '../lib/labels';
import { ReleaseTypePicker } from './release-type-picker';
import type { ReleaseController } from './use-release';

/** Name, type, dates, build under test and the release's warnings, above everything else. */
export function PanelHeader({ view, ctl, onBack }: { view: ReleaseView; ctl: ReleaseController; onBack: () => void }) {
  const { version } = view;
  return (
    <Stack space="space.150">
      <Inline>
        <Button appearance="subtle" spacing="compact" onClick={onBack}>
          ← All releases
        </Button>
      </Inline>
      <Inline space="space.100" alignBlock="center" shouldWrap>
        <Heading size="large">{version.name}</Heading>
        <Lozenge appearance="new">{RELEASE_TYPE_NAMES[view.releaseType]}</Lozenge>
        {version.released && <Lozenge appearance="success">Released in Jira</Lozenge>}
        {view.completed && <Lozenge appearance="success">Completed</Lozenge>}
      </Inline>
      {version.description && <Text>{version.description}</Text>}
      <Inline space="space.300" shouldWrap>
        <Fact label="Start date" value={version.startDate ?? 'Not set'} />
        <Fact label="Release date" value={version.releaseDate ?? 'Not set'} />
        <Fact label="Issues done" value={`${view.issueCounts.done} of ${view.issueCounts.total}`} />
        <Fact
          label="Build under test"
          value={view.buildUnderTest ? `${view.buildUnderTest.id} (set by ${view.buildUnderTest.by.displayName}, ${formatInstant(view.buildUnderTest.at)})` : 'None yet'}
        />
        {view.frozenAt && <Fact label="Scope frozen" value={formatInstant(view.frozenAt)} />}
        {view.announcementDate && <Fact label="Announcement" value={view.announcementDate} />}
      </Inline>
      <ReleaseTypePicker view={view} ctl={ctl} />
      {view.me.readOnlyReason && (
        <SectionMessage appearance="information" title="You can look, but not change this release">
          <p>{view.me.readOnlyReason}</p>
        </SectionMessage>
      )}
      {view.flags.map((flag) => (
        <SectionMessage key={flag.kind} appearance={flag.kind === 'overdue' ? 'error' : 'warning'} title={FLAG_TITLES[flag.kind]}>
          <p>{flag.message}</p>
        </SectionMessage>
      ))}
    </Stack>
  );
}

const FLAG_TITLES: Record<ReleaseView['flags'][number]['kind'], string> = {
  overdue: 'Overdue',
  'at-risk': 'At risk',
  'announcement-too-early': 'Announcement too early',
  'announcement-before-ship': 'Announcement before the release ships',
  'plan-after-release': 'Plan runs past the release date',
  'phase-overrun': 'Phase running late',
};

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
