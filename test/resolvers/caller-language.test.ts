import type { Envelope } from '../../src/shared/envelope';
import { PANEL_KEYS, type ReleaseView } from '../../src/shared/release-panel';
import { createEmulatedSite, projectPageExtension } from '../../local/emulated-site';

/**
 * What the backend says to a person (errors, gate reasons, the built-in template's names) comes in
 * the language of their Forge locale, as the local site's language menu sets it; stored data stays
 * as it was, and English stays the default.
 */
const site = createEmulatedSite({ issues: 60 });
const ACTIVE = () => site.jira.versions.find((v) => v.name === 'PAY 2.2')!;
type Persona = 'release-owner' | 'viewer';

function call<T>(as: Persona, functionKey: string, payload: unknown, locale?: string): Promise<Envelope<T>> {
  return site.invoke<Envelope<T>>({ as, functionKey, payload, moduleKey: 'preflight-releases', extension: projectPageExtension(site, 'PAY'), ...(locale && { locale }) });
}
async function view(locale?: string): Promise<ReleaseView> {
  const answer = await call<ReleaseView>('release-owner', PANEL_KEYS.get, { versionId: ACTIVE().id }, locale);
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.data;
}
const gate = (v: ReleaseView, id: string) => v.phases.flatMap((p) => p.gates).find((g) => g.gateId === id)!;

afterEach(() => expect(site.violations).toEqual([]));

it('refuses a viewer\'s write in French for a French reader, and in English by default', async () => {
  const { revision } = await view();
  const tick = { versionId: ACTIVE().id, revision, gateId: 'dependencies', done: true };
  expect(await call('viewer', PANEL_KEYS.tick, tick, 'fr-FR')).toEqual({
    ok: false,
    error: {
      code: 'FORBIDDEN',
      message:
        "Vous n'avez aucun rôle Preflight dans PAY (Responsable de livraison, Responsable technique et Responsable QA). Un administrateur du projet peut associer votre rôle de projet Jira dans les paramètres Preflight du projet.",
    },
  });
  const english = await call('viewer', PANEL_KEYS.tick, tick);
  expect(english).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/^You have no Preflight role in PAY \(Release owner, Engineering lead, and QA lead\)\./) } });
  // The viewer's own view says the same, in their language.
  const viewerView = await call<ReleaseView>('viewer', PANEL_KEYS.get, { versionId: ACTIVE().id }, 'fr-FR');
  expect(viewerView.ok && viewerView.data.me.readOnlyReason).toMatch(/^Vous n'avez aucun rôle Preflight dans PAY/);
});

it('wraps an invalid request\'s field messages in a sentence of the reader\'s language', async () => {
  const answer = await call('release-owner', PANEL_KEYS.tick, { versionId: ACTIVE().id, revision: 0, done: true }, 'fr-FR');
  expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/^Requête non valide : gateId: /) } });
});

it('shows the built-in template\'s phase and gate names and the gate reasons in Japanese', async () => {
  const v = await view('ja-JP');
  expect(v.phases.map((p) => p.name)).toEqual(['計画', 'ビルドとテスト', 'リリース準備', 'デプロイ', 'リリース後レビュー']);
  expect(gate(v, 'has-issues')).toMatchObject({ name: 'バージョンに課題がある', status: 'pass', reason: `バージョン内の課題: ${v.issueCounts.total} 件` });
  expect(gate(v, 'go-no-go').reason).toBe('承認待ち: リリースオーナー、エンジニアリングリード、QA リード');
  // The same record in English: nothing translated was stored.
  const en = await view();
  expect(en.phases.map((p) => p.name)).toEqual(['Planning', 'Build & test', 'Release preparation', 'Deployment', 'Post-release review']);
  expect(gate(en, 'has-issues').reason).toBe(`${en.issueCounts.total} issues in the version`);
});

it('gives a German reader the gate reasons in German', async () => {
  const v = await view('de-DE');
  expect(gate(v, 'has-issues').reason).toBe(`${v.issueCounts.total} Vorgänge in der Version`);
  expect(gate(v, 'dependencies')).toMatchObject({ name: 'Abhängigkeiten ermittelt', reason: 'Noch nicht erledigt' });
});

it('brackets and accents every backend message for the pseudo-locale', async () => {
  const v = await view('en-XA');
  for (const g of v.phases.flatMap((p) => p.gates)) {
    expect(g.name).toMatch(/^⟦.*⟧$/);
    expect(g.reason).toMatch(/^⟦.*⟧$/);
  }
  const refused = await call('viewer', PANEL_KEYS.tick, { versionId: ACTIVE().id, revision: v.revision, gateId: 'dependencies', done: true }, 'en-XA');
  expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/^⟦.*⟧$/) } });
});
