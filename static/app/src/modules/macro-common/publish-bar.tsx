import { useEffect, useState } from 'react';
import { callResolver } from '../../bridge/call-resolver';
import { flagError, flagSuccess } from '../../bridge/flags';
import { RouterLink } from '../../components/router-link';
import { besideOffer } from '../../lib/publish-refusal';
import { MACRO_KEYS, type MacroConfig, type PublishKind, type PublishPermissionView, type PublishResult, type PublishedPageView } from '../../../../../src/shared/macros';

/**
 * Publish as a static Confluence page: pick a space, publish; publishing again updates the same
 * page, keeping what people wrote on it. When Preflight cannot merge into the page (it was
 * restructured, or someone wrote inside Preflight's block) nothing is written: the bar says why and
 * offers a new page beside it, sent only when the person clicks. Shown to people with a Preflight
 * role; others see where the page is, if it exists.
 */
export function PublishBar({ config, kind, published, onPublished }: { config: MacroConfig; kind: PublishKind; published?: PublishedPageView; onPublished: () => void }) {
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
    }, (error: unknown) => flagError('Could not list Confluence spaces', error));
  }, [canPublish]);

  const publish = async (beside = false) => {
    setBusy(true);
    try {
      const result = await callResolver<PublishResult>(MACRO_KEYS.publish, { config, kind, spaceId, ...(beside && { beside: true }) });
      setLast(result);
      setRefused(undefined);
      const created = result.outcome === 'created' || result.outcome === 'beside';
      flagSuccess(created ? 'Page published' : 'Page updated', `"${result.title}" is version ${result.pageVersion}.`);
      onPublished();
    } catch (error) {
      const offer = besideOffer(error);
      if (offer) setRefused(offer);
      else flagError('Publishing failed', error);
    } finally {
      setBusy(false);
    }
  };
  const page = last ?? published;

  return (
    <>
      {refused && (
        <div role="alert">
          <p className="error">{refused}</p>
          <div className="toolbar">
            <button type="button" disabled={busy} onClick={() => void publish(true)}>
              Publish a new page beside it
            </button>
            <button type="button" onClick={() => setRefused(undefined)}>
              Leave it
            </button>
          </div>
        </div>
      )}
      <div className="toolbar" aria-label="Publishing">
        {canPublish && (
          <>
            <label htmlFor={`space-${kind}`} style={{ margin: 0 }}>
              Space
            </label>
            <select id={`space-${kind}`} value={spaceId} onChange={(e) => setSpaceId(e.target.value)} disabled={!spaces}>
              {spaces?.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} ({s.key})
                </option>
              ))}
            </select>
            <button type="button" className="primary" disabled={busy || !spaceId} onClick={() => void publish()}>
              {busy ? 'Publishing…' : page ? 'Publish again' : 'Publish as a page'}
            </button>
          </>
        )}
        {page && (
          <span>
            {last ? `Published: version ${last.pageVersion} of ` : 'Published page: '}
            <RouterLink href={page.url} newTab={false}>
              {last?.title ?? 'open it'}
            </RouterLink>
          </span>
        )}
        {permission && !canPublish && !page && <span className="muted">{permission.reason ?? 'People with a Preflight role in the project can publish this as a page.'}</span>}
      </div>
    </>
  );
}
