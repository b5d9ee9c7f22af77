import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import Select from '@atlaskit/select';
import { useEffect, useState } from 'react';
import { MACRO_KEYS, type PublishKind, type PublishResult } from '../../../../src/shared/macros';
import type { ReleaseView } from '../../../../src/shared/release-panel';
import { callResolver } from '../bridge/call-resolver';
import { errorMessage, flagError, flagSuccess } from '../bridge/flags';
import { RouterLink } from '../components/router-link';
import { WhyDisabled } from '../components/why-disabled';
import { refusalFor } from '../lib/permissions';

/** What `macro/spaces` answers (the Confluence adapter's shape; see publish-bar.tsx). */
interface Space {
  id: string;
  key: string;
  name: string;
}

const KINDS: Array<{ kind: PublishKind; label: string; title: string; key: 'releaseNotes' | 'retrospective' }> = [
  { kind: 'release-notes', label: 'release notes', title: 'Release notes', key: 'releaseNotes' },
  { kind: 'retrospective', label: 'retrospective', title: 'Retrospective', key: 'retrospective' },
];

/**
 * Publishes the release's notes or retrospective as a Confluence page from the panel, the same
 * way the macros do: publishing again updates the one page. The gates "Release notes page
 * published" and "Retrospective page published" turn green from it.
 */
export function PublishPages({ view, onPublished }: { view: ReleaseView; onPublished: () => void }) {
  const [spaces, setSpaces] = useState<Space[] | undefined>();
  const [spacesError, setSpacesError] = useState<string | undefined>();
  const [spaceId, setSpaceId] = useState<string | undefined>();
  const [busy, setBusy] = useState<PublishKind | undefined>();
  const [lastVersion, setLastVersion] = useState<Partial<Record<PublishKind, number>>>({});
  // Confluence is optional for Preflight: on a site without it, say so rather than fail on publish.
  const notConnected = view.confluence.connected ? undefined : view.confluence.reason;
  const refused = notConnected ?? refusalFor(view.me, 'publish');

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

  const publish = async (kind: PublishKind) => {
    if (!spaceId) return;
    setBusy(kind);
    try {
      const result = await callResolver<PublishResult>(MACRO_KEYS.publish, {
        config: { projectKey: view.project.key, versionId: view.version.id, audience: 'customer', grouping: 'type' },
        kind,
        spaceId,
      });
      setLastVersion((v) => ({ ...v, [kind]: result.pageVersion }));
      flagSuccess(result.outcome === 'created' ? 'Page published' : 'Page updated', `${result.title} (version ${result.pageVersion})`);
      onPublished();
    } catch (error) {
      flagError('Could not publish the page', error);
    } finally {
      setBusy(undefined);
    }
  };

  const options = (spaces ?? []).map((s) => ({ label: `${s.name} (${s.key})`, value: s.id }));
  return (
    <Stack space="space.150">
      <Heading size="small">Confluence pages</Heading>
      {spacesError && <Text color="color.text.danger">{`The Confluence spaces could not be listed: ${spacesError}`}</Text>}
      <Inline space="space.150" alignBlock="center" shouldWrap>
        <label htmlFor="publish-space">
          <Text weight="medium">Space</Text>
        </label>
        <div style={{ minWidth: 220 }}>
          <Select
            inputId="publish-space"
            isLoading={spaces === undefined && !spacesError && !notConnected}
            isDisabled={Boolean(refused)}
            options={options}
            value={options.find((o) => o.value === spaceId) ?? null}
            onChange={(option) => setSpaceId(option?.value)}
            placeholder="Choose a space"
          />
        </div>
        {KINDS.map(({ kind, label, key }) => (
          <Button key={kind} isDisabled={Boolean(refused) || !spaceId} isLoading={busy === kind} onClick={() => void publish(kind)}>
            {`${view.published[key] ? 'Update' : 'Publish'} ${label}`}
          </Button>
        ))}
      </Inline>
      {KINDS.map(({ kind, title, key }) => {
        const page = view.published[key];
        const version = lastVersion[kind];
        return page ? (
          <Text key={kind} size="small">
            <RouterLink href={page.url}>{`${title}: ${view.version.name}`}</RouterLink>
            {version !== undefined ? ` · version ${version}` : ` · published ${page.at.slice(0, 10)}`}
          </Text>
        ) : null;
      })}
      <WhyDisabled reason={refused} />
    </Stack>
  );
}
