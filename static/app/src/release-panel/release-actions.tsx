import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { useRef, useState } from 'react';
import { PANEL_KEYS, setBuildPayload, type ReleaseView } from '../../../../src/shared/release-panel';
import { flagSuccess } from '../bridge/flags';
import { InlineConfirm } from '../components/inline-confirm';
import type { UiTranslator } from '../i18n/load-translator';
import { useT } from '../i18n/use-t';
import { instantText, newestFirst, todayIso } from '../lib/labels';
import { refusalFor } from '../lib/permissions';
import { dayText } from './format';
import { PanelWhy } from './panel-why';
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

/**
 * The build QA is testing; QA approvals are for one build, so setting a new one resets them. Once
 * the version is released (or the release complete) the build is a record: shown, not offered.
 */
export function BuildSection({ view, ctl }: Props) {
  const translator = useT();
  const { t } = translator;
  const [buildId, setBuildId] = useState('');
  const [error, setError] = useState<string>();
  const refused = refusalFor(translator, view.me, 'set-build');
  const build = view.buildUnderTest;
  const recorded = build
    ? t('panel.build.current', { build: build.id, name: build.by.displayName })
    : t('panel.build.none');

  if (view.version.released || view.completed) {
    return (
      <Stack space="space.100" testId="build-recorded">
        <Heading size="small">{t('panel.build.heading')}</Heading>
        <Text>{build ? t('panel.build.shipped', { build: build.id, name: build.by.displayName, when: instantText(translator, build.at) }) : t('panel.build.noneShipped')}</Text>
      </Stack>
    );
  }

  const save = async () => {
    const parsed = setBuildPayload.shape.buildId.safeParse(buildId.trim());
    if (!parsed.success) return setError(t('panel.build.invalid'));
    const result = await ctl.write(PANEL_KEYS.setBuild, { buildId: parsed.data }, t('panel.build.failed'));
    if (result.ok) {
      setBuildId('');
      flagSuccess(t('panel.build.set', { build: parsed.data }));
    }
  };

  return (
    <Stack space="space.100">
      <Heading size="small">{t('panel.build.heading')}</Heading>
      <Text>{recorded}</Text>
      <Inline space="space.100" alignBlock="start">
        <Textfield
          aria-label={t('panel.build.field')}
          placeholder={t('panel.build.placeholder')}
          value={buildId}
          onChange={(e) => {
            setBuildId(e.currentTarget.value);
            setError(undefined);
          }}
          isInvalid={Boolean(error)}
          isDisabled={Boolean(refused)}
          aria-describedby="build-error build-refused"
          isCompact
          width={240}
        />
        <Button onClick={() => void save()} isDisabled={Boolean(refused) || ctl.busy !== undefined} isLoading={ctl.busy === PANEL_KEYS.setBuild}>
          {t('panel.build.submit')}
        </Button>
      </Inline>
      <FieldError id="build-error" message={error} />
      <PanelWhy view={view} reason={refused} id="build-refused" />
    </Stack>
  );
}

/** The go-to-market date; the server flags one inside the bedding-in period. */
export function AnnouncementSection({ view, ctl }: Props) {
  const translator = useT();
  const { t } = translator;
  const [date, setDate] = useState(view.announcementDate ?? '');
  const refused = refusalFor(translator, view.me, 'set-announcement');
  const disabled = Boolean(refused) || ctl.busy !== undefined;
  return (
    <Stack space="space.100">
      <Heading size="small">{t('panel.announcement.heading')}</Heading>
      <Text color="color.text.subtle">{t('panel.announcement.hint', { days: view.beddingInDays })}</Text>
      <Inline space="space.100" alignBlock="center">
        <Textfield type="date" aria-label={t('panel.announcement.date')} value={date} onChange={(e) => setDate(e.currentTarget.value)} isDisabled={Boolean(refused)} isCompact width={180} />
        <Button
          isDisabled={disabled || !date || date === view.announcementDate}
          isLoading={ctl.busy === PANEL_KEYS.setAnnouncement}
          onClick={() => void ctl.write(PANEL_KEYS.setAnnouncement, { announcementDate: date }, t('panel.announcement.saveFailed'))}
        >
          {t('panel.announcement.save')}
        </Button>
        {view.announcementDate && (
          <Button
            appearance="subtle"
            isDisabled={disabled}
            onClick={() => {
              setDate('');
              void ctl.write(PANEL_KEYS.setAnnouncement, { announcementDate: null }, t('panel.announcement.clearFailed'));
            }}
          >
            {t('panel.announcement.clear')}
          </Button>
        )}
      </Inline>
      <PanelWhy view={view} reason={refused} />
    </Stack>
  );
}

/** `name` is the target version's name (empty for "leave them"). */
type VersionOption = { label: string; value: string; name: string };

/** The confirmation's question: what the release will do in Jira, in the words of the choices made. */
export function releaseQuestion(t: UiTranslator, versionName: string, unfinished: number, moveTo: VersionOption, releaseDate: string): string {
  const values = { version: versionName, date: dayText(t, releaseDate), count: unfinished };
  if (unfinished === 0) return t.t('panel.releaseJira.question', values);
  if (moveTo.value) return t.t('panel.releaseJira.questionMove', { ...values, target: moveTo.name });
  return t.t('panel.releaseJira.questionLeave', values);
}

/**
 * Deployment's one Jira write: mark the version released, with its date, and say where the
 * issues that are not done go (Jira's own release dialog asks the same). It may move many issues
 * and cannot be undone from here, so it asks for a confirmation in place first.
 */
export function ReleaseInJira({ view, ctl }: Props) {
  const translator = useT();
  const { t } = translator;
  const leave: VersionOption = { label: t('panel.releaseJira.leave'), value: '', name: '' };
  // Today, as Jira's own release dialog suggests: the planned date is often in the past or future.
  const [releaseDate, setReleaseDate] = useState(todayIso());
  const [moveTo, setMoveTo] = useState<VersionOption>(leave);
  const [confirming, setConfirming] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const section = useRef<HTMLDivElement>(null);
  const refused = refusalFor(translator, view.me, 'release-version');
  const unfinished = view.issueCounts.total - view.issueCounts.done;
  // otherVersions are the project's unreleased versions; the newest is the likely target.
  const options: VersionOption[] = [leave, ...newestFirst(view.otherVersions).map((v) => ({ label: t('panel.releaseJira.moveTo', { version: v.name }), value: v.id, name: v.name }))];

  if (view.version.released) {
    return (
      <Stack space="space.100">
        <Heading size="small">{t('panel.releaseJira.heading')}</Heading>
        <Text testId="released-in-jira">
          {view.version.releaseDate
            ? t('panel.releaseJira.releasedOn', { version: view.version.name, date: dayText(translator, view.version.releaseDate) })
            : t('panel.releaseJira.released', { version: view.version.name })}
        </Text>
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
      t('panel.releaseJira.failed'),
      // The confirmation that had the focus is gone either way; the section is what stays.
      { focusAfter: () => section.current },
    );
    setConfirming(false);
    if (result.ok) {
      flagSuccess(t('panel.releaseJira.released', { version: view.version.name }));
      // Jira owns the version: read it back so the panel shows Jira's own word on the release.
      await ctl.refresh();
    }
  };

  return (
    <div ref={section} tabIndex={-1} aria-labelledby="release-in-jira-heading" role="group">
      <Stack space="space.100">
        <Heading size="small" id="release-in-jira-heading">
          {t('panel.releaseJira.heading')}
        </Heading>
        <Inline space="space.150" alignBlock="center" shouldWrap>
          <label htmlFor="release-date">
            <Text weight="medium">{t('panel.releaseJira.date')}</Text>
          </label>
          <Textfield id="release-date" type="date" value={releaseDate} onChange={(e) => setReleaseDate(e.currentTarget.value)} isDisabled={Boolean(refused) || confirming} isCompact width={180} />
        </Inline>
        <Stack space="space.050">
          <Text weight="medium" id="move-unfixed-label">
            {t('panel.releaseJira.unfinished', { count: unfinished })}
          </Text>
          <div style={{ maxWidth: 360 }}>
            <Select<VersionOption>
              inputId="move-unfixed"
              aria-labelledby="move-unfixed-label"
              options={options}
              value={moveTo}
              onChange={(o) => setMoveTo(o ?? leave)}
              isDisabled={Boolean(refused) || confirming}
            />
          </div>
        </Stack>
        {confirming ? (
          <InlineConfirm
            question={releaseQuestion(translator, view.version.name, unfinished, moveTo, releaseDate)}
            confirmLabel={t('panel.releaseJira.confirm', { version: view.version.name })}
            onCancel={cancel}
            onConfirm={() => void release()}
            isLoading={ctl.busy === PANEL_KEYS.releaseVersion}
          />
        ) : (
          <Inline>
            <Button ref={trigger} appearance="primary" onClick={() => setConfirming(true)} isDisabled={Boolean(refused) || !releaseDate || ctl.busy !== undefined}>
              {t('panel.releaseJira.button')}
            </Button>
          </Inline>
        )}
        <PanelWhy view={view} reason={refused} />
      </Stack>
    </div>
  );
}
