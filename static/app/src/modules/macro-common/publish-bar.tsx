import Button from '@atlaskit/button/new';
import { Label } from '@atlaskit/form';
import Select from '@atlaskit/select';
import { useEffect, useState } from 'react';
import { callResolver } from '../../bridge/call-resolver';
import { flagError, flagSuccess } from '../../bridge/flags';
import { RouterLink } from '../../components/router-link';
import type { MessageId } from '../../i18n/message-ids';
import { useT } from '../../i18n/use-t';
import { besideOffer } from '../../lib/publish-refusal';
import { MACRO_KEYS, type MacroConfig, type PublishKind, type PublishPermissionView, type PublishResult, type PublishedPageView } from '../../../../../src/shared/macros';
import type { Choice } from './config-fields';

/**
 * Publish as a static Confluence page: pick a space, publish; publishing again updates the same
 * page, keeping what people wrote on it. When Preflight cannot merge into the page (it was
 * restructured, or someone wrote inside Preflight's block) nothing is written: the bar says why and
 * offers a new page beside it, sent only when the person clicks. Shown to people with a Preflight
 * role; others see where the page is, if it exists.
 */
export interface PublishBarProps {
  config: MacroConfig;
  kind: PublishKind;
  published?: PublishedPageView;
  onPublished: () => void;
}

/**
 * The bar is a region named after what it publishes: a page with a release notes macro and a
 * retrospective macro has two bars, and a screen reader's landmark list tells them apart.
 */
const REGION_NAME: Record<PublishKind, MessageId> = {
  'release-notes': 'macros.publish.region.releaseNotes',
  retrospective: 'macros.publish.region.retrospective',
  evidence: 'macros.publish.region.evidence',
};

export default function PublishBar({ config, kind, published, onPublished }: PublishBarProps) {
  const { t } = useT();
  const [permission, setPermission] = useState<PublishPermissionView>();
  const canPublish = permission?.canPublish === true;
  const { projectKey, versionId } = config;
  const [spaces, setSpaces] = useState<Array<{ id: string; key: string; name: string }>>();
  const [spaceId, setSpaceId] = useState('');
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<PublishResult>();
  const [refused, setRefused] = useState<string>();

  // Asked apart from the macro's content, so rendering the notes costs no role lookup.
  useEffect(() => {
    let current = true;
    callResolver<PublishPermissionView>(MACRO_KEYS.canPublish, { config: { projectKey, versionId } }).then(
      (answer) => current && setPermission(answer),
      () => current && setPermission({ canPublish: false }),
    );
    return () => {
      current = false;
    };
  }, [projectKey, versionId]);

  useEffect(() => {
    if (!canPublish) return;
    callResolver<Array<{ id: string; key: string; name: string }>>(MACRO_KEYS.spaces, {}).then((list) => {
      setSpaces(list);
      setSpaceId((current) => current || list[0]?.id || '');
    }, (error: unknown) => flagError(t('macros.publish.spacesFailed'), error));
  }, [canPublish, t]);

  const publish = async (beside = false) => {
    setBusy(true);
    try {
      const result = await callResolver<PublishResult>(MACRO_KEYS.publish, { config, kind, spaceId, ...(beside && { beside: true }) });
      setLast(result);
      setRefused(undefined);
      const created = result.outcome === 'created' || result.outcome === 'beside';
      flagSuccess(created ? t('macros.publish.created') : t('macros.publish.updated'), t('macros.publish.versionOf', { title: result.title, version: result.pageVersion }));
      onPublished();
    } catch (error) {
      const offer = besideOffer(error);
      if (offer) setRefused(offer);
      else flagError(t('macros.publish.failed'), error);
    } finally {
      setBusy(false);
    }
  };
  const page = last ?? published;
  const choices: Array<Choice> = (spaces ?? []).map((s) => ({ value: s.id, label: t('macros.config.projectOption', { name: s.name, key: s.key }) }));
  const spaceInput = `space-${kind}`;

  return (
    <>
      {refused && (
        <div role="alert">
          <p className="error">{refused}</p>
          <div className="toolbar">
            <Button isDisabled={busy} onClick={() => void publish(true)}>
              {t('macros.publish.beside')}
            </Button>
            <Button appearance="subtle" onClick={() => setRefused(undefined)}>
              {t('macros.publish.leave')}
            </Button>
          </div>
        </div>
      )}
      <section className="toolbar" aria-label={t(REGION_NAME[kind])}>
        {canPublish && (
          <>
            <Label htmlFor={spaceInput}>{t('macros.publish.space')}</Label>
            <div style={{ minWidth: 220 }}>
              <Select<Choice>
                inputId={spaceInput}
                options={choices}
                value={choices.find((c) => c.value === spaceId) ?? null}
                isLoading={!spaces}
                isDisabled={!spaces}
                placeholder={spaces ? t('macros.publish.chooseSpace') : t('macros.publish.loadingSpaces')}
                noOptionsMessage={() => t('macros.config.noOptions')}
                onChange={(c) => setSpaceId(c?.value ?? '')}
              />
            </div>
            <Button appearance="primary" isDisabled={busy || !spaceId} onClick={() => void publish()}>
              {busy ? t('macros.publish.publishing') : page ? t('macros.publish.again') : t('macros.publish.first')}
            </Button>
          </>
        )}
        {page && (
          <span>
            {last ? t('macros.publish.publishedVersion', { version: last.pageVersion }) : t('macros.publish.publishedPage')}{' '}
            <RouterLink href={page.url} newTab={false}>
              {last?.title ?? t('macros.publish.openIt')}
            </RouterLink>
          </span>
        )}
        {permission && !canPublish && !page && <span className="muted">{permission.reason ?? t('macros.publish.whoCan')}</span>}
      </section>
    </>
  );
}
