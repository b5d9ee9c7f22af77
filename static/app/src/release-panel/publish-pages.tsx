import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import { useEffect, useState } from 'react';
import { MACRO_KEYS, type PublishKind, type PublishResult } from '../../../../src/shared/macros';
import type { ReleaseView } from '../../../../src/shared/release-panel';
import { callResolver } from '../bridge/call-resolver';
import { errorMessage, flagError, flagSuccess } from '../bridge/flags';
import { RouterLink } from '../components/router-link';
import { useT } from '../i18n/use-t';
import { refusalFor } from '../lib/permissions';
import { dayText } from './format';
import { PanelWhy } from './panel-why';
import { besideOffer } from '../lib/publish-refusal';

/** What `macro/spaces` answers (the Confluence adapter's shape; see publish-bar.tsx). */
interface Space {
  id: string;
  key: string;
  name: string;
}

/** The pages the panel publishes (the evidence page has its own button in the audit trail). */
type PanelKind = Extract<PublishKind, 'release-notes' | 'retrospective'>;

const KINDS: Array<{ kind: PanelKind; key: 'releaseNotes' | 'retrospective' }> = [
  { kind: 'release-notes', key: 'releaseNotes' },
  { kind: 'retrospective', key: 'retrospective' },
];

/** A publish Preflight refused because it could not merge into the page: it may go beside it instead. */
interface Refusal {
  kind: PanelKind;
  message: string;
}

/**
 * Publishes the release's notes or retrospective as a Confluence page from the panel, the same
 * way the macros do: publishing again updates the one page. The gates "Release notes page
 * published" and "Retrospective page published" turn green from it. Notes that no longer match
 * what shipped (or still say "planned" after the release) are called out with "Publish again";
 * a page Preflight cannot merge into (restructured, or written inside Preflight's block) is left
 * alone, and a new page beside it is published only when the person asks.
 */
export function PublishPages({ view, onPublished }: { view: ReleaseView; onPublished: () => void }) {
  const translator = useT();
  const { t } = translator;
  const [spaces, setSpaces] = useState<Space[] | undefined>();
  const [spacesError, setSpacesError] = useState<string | undefined>();
  const [spaceId, setSpaceId] = useState<string | undefined>();
  const [busy, setBusy] = useState<PublishKind | undefined>();
  const [lastVersion, setLastVersion] = useState<Partial<Record<PublishKind, number>>>({});
  const [refusal, setRefusal] = useState<Refusal | undefined>();
  // Confluence is optional for Preflight: on a site without it, say so rather than fail on publish.
  const notConnected = view.confluence.connected ? undefined : view.confluence.reason;
  const refused = notConnected ?? refusalFor(translator, view.me, 'publish');

  useEffect(() => {
    if (notConnected) return;
    let current = true;
    callResolver<Space[]>(MACRO_KEYS.spaces, {})
      .then((list) => {
        if (!current) return;
        setSpaces(list);
        setSpaceId((chosen) => chosen ?? list[0]?.id);
      })
      .catch((error: unknown) => current && setSpacesError(errorMessage(error)));
    return () => {
      current = false;
    };
  }, [notConnected]);

  const publish = async (kind: PanelKind, beside = false) => {
    if (!spaceId) return;
    setBusy(kind);
    try {
      const result = await callResolver<PublishResult>(MACRO_KEYS.publish, {
        config: { projectKey: view.project.key, versionId: view.version.id, audience: 'customer', grouping: 'type' },
        kind,
        spaceId,
        ...(beside && { beside: true }),
      });
      setRefusal(undefined);
      setLastVersion((v) => ({ ...v, [kind]: result.pageVersion }));
      const title = result.outcome === 'created' || result.outcome === 'beside' ? t('panel.publish.published') : t('panel.publish.updated');
      flagSuccess(title, t('panel.publish.pageVersion', { title: result.title, version: result.pageVersion }));
      onPublished();
    } catch (error) {
      const offer = besideOffer(error);
      if (offer) setRefusal({ kind, message: offer });
      else flagError(t('panel.publish.failed'), error);
    } finally {
      setBusy(undefined);
    }
  };

  const options = (spaces ?? []).map((s) => ({ label: `${s.name} (${s.key})`, value: s.id }));
  return (
    <Stack space="space.150">
      <Heading size="small">{t('panel.publish.heading')}</Heading>
      {spacesError && <Text color="color.text.danger">{t('panel.publish.spacesFailed', { error: spacesError })}</Text>}
      <Inline space="space.150" alignBlock="center" shouldWrap>
        <label htmlFor="publish-space">
          <Text weight="medium">{t('panel.publish.space')}</Text>
        </label>
        <div style={{ minWidth: 220 }}>
          <Select
            inputId="publish-space"
            isLoading={spaces === undefined && !spacesError && !notConnected}
            isDisabled={Boolean(refused)}
            options={options}
            value={options.find((o) => o.value === spaceId) ?? null}
            onChange={(option) => setSpaceId(option?.value)}
            placeholder={t('panel.publish.chooseSpace')}
          />
        </div>
        {KINDS.map(({ kind, key }) => (
          <Button key={kind} isDisabled={Boolean(refused) || !spaceId} isLoading={busy === kind} onClick={() => void publish(kind)}>
            {t(view.published[key] ? `panel.publish.update.${kind}` : `panel.publish.publish.${kind}`)}
          </Button>
        ))}
      </Inline>
      {view.published.releaseNotes?.stale && (
        <SectionMessage
          appearance="warning"
          title={t('panel.publish.stale')}
          actions={refused || !spaceId ? [] : [<SectionMessageAction key="again" onClick={() => void publish('release-notes')}>{t('panel.publish.again')}</SectionMessageAction>]}
        >
          <Text>{view.published.releaseNotes.stale.message}</Text>
        </SectionMessage>
      )}
      {refusal && (
        <SectionMessage
          appearance="error"
          title={t(`panel.publish.notUpdated.${refusal.kind}`)}
          actions={[
            <SectionMessageAction key="beside" onClick={() => void publish(refusal.kind, true)}>
              {t('panel.publish.beside')}
            </SectionMessageAction>,
            <SectionMessageAction key="dismiss" onClick={() => setRefusal(undefined)}>
              {t('panel.publish.leave')}
            </SectionMessageAction>,
          ]}
        >
          <Text>{refusal.message}</Text>
        </SectionMessage>
      )}
      {KINDS.map(({ kind, key }) => {
        const page = view.published[key];
        const version = lastVersion[kind];
        return page ? (
          <Text key={kind} size="small">
            <RouterLink href={page.url}>{t(`panel.publish.link.${kind}`, { version: view.version.name })}</RouterLink>
            {' · '}
            {version !== undefined ? t('panel.publish.version', { version }) : t('panel.publish.publishedOn', { date: dayText(translator, page.at.slice(0, 10)) })}
          </Text>
        ) : null;
      })}
      <PanelWhy view={view} reason={refused} />
    </Stack>
  );
}
