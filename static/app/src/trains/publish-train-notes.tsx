import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import { token } from '@atlaskit/tokens';
import { useEffect, useState } from 'react';
import { callResolver } from '../bridge/call-resolver';
import { flagSuccess } from '../bridge/flags';
import { RouterLink } from '../components/router-link';
import { useT } from '../i18n/use-t';
import { besideOffer } from '../lib/publish-refusal';
import { MACRO_KEYS, type Audience, type PublishPermissionView, type PublishResult } from '../../../../src/shared/macros';
import { TRAIN_NOTES_KEYS } from '../../../../src/shared/train-notes';

interface Space {
  id: string;
  key: string;
  name: string;
}
interface SpaceChoice {
  value: string;
  label: string;
}

const errorTextOf = (error: unknown, fallback: string) => (error instanceof Error ? error.message : fallback);

/**
 * "Publish train release notes": pick a Confluence space and publish the train's combined notes as
 * the page "Release notes: <train name>". Publishing again updates that page and keeps what people
 * wrote on it; when Preflight cannot merge into it, nothing is written and a page beside it is
 * offered. Shown to people with a Preflight role in every member's project; others read why not.
 * Used by the train panel (Jira global page) and the train notes macro.
 */
export default function PublishTrainNotes({ trainId, audience = 'customer' }: { trainId: string; audience?: Audience }) {
  const { t } = useT();
  const config = { trainId, audience };
  const errorText = (error: unknown) => errorTextOf(error, t('portfolio.publish.unknownError'));
  const [permission, setPermission] = useState<PublishPermissionView>();
  const [spaces, setSpaces] = useState<Space[]>();
  const [spaceId, setSpaceId] = useState('');
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<PublishResult>();
  const [error, setError] = useState<string>();
  const [refused, setRefused] = useState<string>();
  const canPublish = permission?.canPublish === true;

  useEffect(() => {
    let live = true;
    setPermission(undefined);
    callResolver<PublishPermissionView>(TRAIN_NOTES_KEYS.canPublish, { config: { trainId, audience } }).then(
      (answer) => live && setPermission(answer),
      (e: unknown) => live && setPermission({ canPublish: false, reason: errorText(e) }),
    );
    return () => {
      live = false;
    };
  }, [trainId, audience]);

  useEffect(() => {
    if (!canPublish) return;
    callResolver<Space[]>(MACRO_KEYS.spaces, {}).then(
      (list) => {
        setSpaces(list);
        setSpaceId((current) => current || list[0]?.id || '');
      },
      (e: unknown) => setError(t('portfolio.publish.spacesError', { message: errorText(e) })),
    );
  }, [canPublish]);

  const publish = async (beside = false) => {
    setBusy(true);
    setError(undefined);
    try {
      const result = await callResolver<PublishResult>(TRAIN_NOTES_KEYS.publish, { config, spaceId, ...(beside && { beside: true }) });
      setLast(result);
      setRefused(undefined);
      flagSuccess(t(result.pageVersion === 1 ? 'portfolio.publish.published' : 'portfolio.publish.updated'), t('portfolio.publish.versionOf', { title: result.title, version: result.pageVersion }));
    } catch (e) {
      const offer = besideOffer(e);
      if (offer) setRefused(offer);
      else setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  if (!permission) return <p style={{ color: token('color.text.subtle') }}>{t('portfolio.publish.checking')}</p>;
  const choices: SpaceChoice[] = (spaces ?? []).map((s) => ({ value: s.id, label: `${s.name} (${s.key})` }));
  return (
    <section aria-label={t('portfolio.publish.publish')} style={{ display: 'grid', gap: token('space.100') }}>
      {error && (
        <SectionMessage appearance="error" title={t('portfolio.publish.failed')}>
          <p role="alert">{error}</p>
        </SectionMessage>
      )}
      {refused && (
        <SectionMessage
          appearance="warning"
          title={t('portfolio.publish.notUpdated')}
          actions={[
            <Button key="beside" isDisabled={busy} onClick={() => void publish(true)}>
              {t('portfolio.publish.beside')}
            </Button>,
            <Button key="leave" appearance="subtle" onClick={() => setRefused(undefined)}>
              {t('portfolio.publish.leave')}
            </Button>,
          ]}
        >
          <p role="alert">{refused}</p>
        </SectionMessage>
      )}
      {canPublish ? (
        <div style={{ display: 'flex', gap: token('space.100'), alignItems: 'end', flexWrap: 'wrap' }}>
          <div style={{ minWidth: 240 }}>
            <label htmlFor={`train-notes-space-${trainId}`}>{t('portfolio.publish.space')}</label>
            <Select<SpaceChoice>
              inputId={`train-notes-space-${trainId}`}
              options={choices}
              value={choices.find((c) => c.value === spaceId) ?? null}
              isLoading={!spaces}
              isDisabled={!spaces}
              placeholder={t(spaces ? 'portfolio.publish.chooseSpace' : 'portfolio.publish.loadingSpaces')}
              onChange={(c) => setSpaceId(c?.value ?? '')}
            />
          </div>
          <Button appearance="primary" isDisabled={busy || !spaceId} onClick={() => void publish()}>
            {t(busy ? 'portfolio.publish.publishing' : last ? 'portfolio.publish.again' : 'portfolio.publish.publish')}
          </Button>
        </div>
      ) : (
        <p style={{ color: token('color.text.subtle') }}>{permission.reason ?? t('portfolio.publish.who')}</p>
      )}
      {last && (
        <p>
          {t('portfolio.publish.lastPublished', { version: last.pageVersion })}{' '}
          <RouterLink href={last.url} newTab={false}>
            {last.title}
          </RouterLink>
        </p>
      )}
    </section>
  );
}
