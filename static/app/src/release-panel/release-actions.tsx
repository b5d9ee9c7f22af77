import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { useRef, useState } from 'react';
import { PANEL_KEYS, setBuildPayload, type ReleaseView } from '../../../../src/shared/release-panel';
import { flagSuccess } from '../bridge/flags';
import { InlineConfirm } from '../components/inline-confirm';
import { WhyDisabled } from '../components/why-disabled';
import { newestFirst, plural, todayIso } from '../lib/labels';
import { refusalFor } from '../lib/permissions';
import type { ReleaseController } from './use-release';

interface Props {
  view: ReleaseView;
  ctl: ReleaseController;
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <Text id={id} size="small" color="color.text.danger">
      {message}
    </Text>
  );
}

/** The build QA is testing; QA approvals are for one build, so setting a new one resets them. */
export function BuildSection({ view, ctl }: Props) {
  const [buildId, setBuildId] = useState('');
  const [error, setError] = useState<string>();
  const refused = refusalFor(view.me, 'set-build');

  const save = async () => {
    const parsed = setBuildPayload.shape.buildId.safeParse(buildId.trim());
    if (!parsed.success) return setError(parsed.error.issues[0]?.message);
    const result = await ctl.write(PANEL_KEYS.setBuild, { buildId: parsed.data }, 'The build was not set');
    if (result.ok) {
      setBuildId('');
      flagSuccess(`Build ${parsed.data} is under test`);
    }
  };

  return (
    <Stack space="space.100">
      <Heading size="small">Build under test</Heading>
      <Text>{view.buildUnderTest ? `${view.buildUnderTest.id}, set by ${view.buildUnderTest.by.displayName}` : 'No build set yet.'}</Text>
      <Inline space="space.100" alignBlock="start">
        <Textfield
          aria-label="Build under test"
          placeholder="e.g. 2.4.0-rc.3"
          value={buildId}
          onChange={(e) => {
            setBuildId(e.currentTarget.value);
            setError(undefined);
          }}
          isInvalid={Boolean(error)}
          isDisabled={Boolean(refused) || view.completed}
          aria-describedby="build-error build-refused"
          isCompact
          width={240}
        />
        <Button onClick={() => void save()} isDisabled={Boolean(refused) || view.completed || ctl.busy !== undefined} isLoading={ctl.busy === PANEL_KEYS.setBuild}>
          Set build under test
        </Button>
      </Inline>
      <FieldError id="build-error" message={error} />
      <WhyDisabled reason={refused} id="build-refused" />
    </Stack>
  );
}

/** The go-to-market date; the server flags one inside the bedding-in period. */
export function AnnouncementSection({ view, ctl }: Props) {
  const [date, setDate] = useState(view.announcementDate ?? '');
  const refused = refusalFor(view.me, 'set-announcement');
  const disabled = Boolean(refused) || ctl.busy !== undefined;
  return (
    <Stack space="space.100">
      <Heading size="small">Announcement</Heading>
      <Text color="color.text.subtle">{`Campaigns should start at least ${plural(view.beddingInDays, 'day')} after the release ships.`}</Text>
      <Inline space="space.100" alignBlock="center">
        <Textfield type="date" aria-label="Announcement date" value={date} onChange={(e) => setDate(e.currentTarget.value)} isDisabled={Boolean(refused)} isCompact width={180} />
        <Button
          isDisabled={disabled || !date || date === view.announcementDate}
          isLoading={ctl.busy === PANEL_KEYS.setAnnouncement}
          onClick={() => void ctl.write(PANEL_KEYS.setAnnouncement, { announcementDate: date }, 'The announcement date was not saved')}
        >
          Save announcement date
        </Button>
        {view.announcementDate && (
          <Button
            appearance="subtle"
            isDisabled={disabled}
            onClick={() => {
              setDate('');
              void ctl.write(PANEL_KEYS.setAnnouncement, { announcementDate: null }, 'The announcement date was not cleared');
            }}
          >
            Clear
          </Button>
        )}
      </Inline>
      <WhyDisabled reason={refused} />
    </Stack>
  );
}

type VersionOption = { label: string; value: string };
const LEAVE: VersionOption = { label: 'Leave them in this version', value: '' };

/** The confirmation's question: what the release will do in Jira, in the words of the choices made. */
export function releaseQuestion(versionName: string, unfinished: number, moveTo: VersionOption, releaseDate: string): string {
  const mark = `mark ${versionName} released in Jira on ${releaseDate}`;
  if (unfinished === 0) return `${mark.charAt(0).toUpperCase()}${mark.slice(1)}?`;
  const issues = plural(unfinished, 'unfinished issue');
  if (moveTo.value) return `Move ${issues} to ${moveTo.label.replace(/^Move them to /, '')} and ${mark}?`;
  return `Leave ${issues} in ${versionName} and ${mark}?`;
}

/**
 * Deployment's one Jira write: mark the version released, with its date, and say where the
 * issues that are not done go (Jira's own release dialog asks the same). It may move many issues
 * and cannot be undone from here, so it asks for a confirmation in place first.
 */
export function ReleaseInJira({ view, ctl }: Props) {
  // Today, as Jira's own release dialog suggests: the planned date is often in the past or future.
  const [releaseDate, setReleaseDate] = useState(todayIso());
  const [moveTo, setMoveTo] = useState<VersionOption>(LEAVE);
  const [confirming, setConfirming] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const section = useRef<HTMLDivElement>(null);
  const refused = refusalFor(view.me, 'release-version');
  const unfinished = view.issueCounts.total - view.issueCounts.done;
  // otherVersions are the project's unreleased versions; the newest is the likely target.
  const options = [LEAVE, ...newestFirst(view.otherVersions).map((v) => ({ label: `Move them to ${v.name}`, value: v.id }))];

  if (view.version.released) {
    return (
      <Stack space="space.100">
        <Heading size="small">Release in Jira</Heading>
        <Text>{`${view.version.name} is released in Jira${view.version.releaseDate ? ` (${view.version.releaseDate})` : ''}.`}</Text>
      </Stack>
    );
  }

  const cancel = () => {
    setConfirming(false);
    // Back to the button that asked, so the keyboard user is where they were.
    requestAnimationFrame(() => trigger.current?.focus());
  };

  const release = async () => {
    const result = await ctl.write(
      PANEL_KEYS.releaseVersion,
      { releaseDate, ...(moveTo.value && { moveUnfixedIssuesTo: moveTo.value }) },
      'The version was not released in Jira',
      // The confirmation that had the focus is gone either way; the section is what stays.
      { focusAfter: () => section.current },
    );
    setConfirming(false);
    if (result.ok) {
      flagSuccess(`${view.version.name} is released in Jira`);
      // Jira owns the version: read it back so the panel shows Jira's own word on the release.
      await ctl.refresh();
    }
  };

  return (
    <div ref={section} tabIndex={-1} aria-label="Release in Jira" role="group">
      <Stack space="space.100">
        <Heading size="small">Release in Jira</Heading>
        <Inline space="space.150" alignBlock="center" shouldWrap>
          <label htmlFor="release-date">
            <Text weight="medium">Release date</Text>
          </label>
          <Textfield id="release-date" type="date" value={releaseDate} onChange={(e) => setReleaseDate(e.currentTarget.value)} isDisabled={Boolean(refused) || confirming} isCompact width={180} />
        </Inline>
        <Stack space="space.050">
          <Text weight="medium" id="move-unfixed-label">{`Unfinished issues (${unfinished})`}</Text>
          <div style={{ maxWidth: 360 }}>
            <Select<VersionOption>
              inputId="move-unfixed"
              aria-labelledby="move-unfixed-label"
              options={options}
              value={moveTo}
              onChange={(o) => setMoveTo(o ?? LEAVE)}
              isDisabled={Boolean(refused) || confirming}
            />
          </div>
        </Stack>
        {confirming ? (
          <InlineConfirm
            question={releaseQuestion(view.version.name, unfinished, moveTo, releaseDate)}
            confirmLabel={`Release ${view.version.name}`}
            onCancel={cancel}
            onConfirm={() => void release()}
            isLoading={ctl.busy === PANEL_KEYS.releaseVersion}
          />
        ) : (
          <Inline>
            <Button ref={trigger} appearance="primary" onClick={() => setConfirming(true)} isDisabled={Boolean(refused) || !releaseDate || ctl.busy !== undefined}>
              Release in Jira
            </Button>
          </Inline>
        )}
        <WhyDisabled reason={refused} />
      </Stack>
    </div>
  );
}
