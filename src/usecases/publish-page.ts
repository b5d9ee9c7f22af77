import { adfProblems, type AdfDoc } from '../domain/adf/adf-kit';
import { releaseNotesAdf } from '../domain/adf/release-notes-adf';
import { retrospectiveAdf } from '../domain/adf/retrospective-adf';
import { recordPublishedPage } from '../domain/publishing';
import { AppError, ConflictError } from '../errors';
import { ProductError } from '../adapters/product-error';
import type { PageRef } from '../ports';
import { publishedPageTitle, type MacroConfig, type PublishKind, type PublishResult } from '../shared/macros';
import { releaseNotesFor } from './get-release-notes';
import { retrospectiveView } from './get-retrospective';
import { loadRelease, type LoadedRelease } from './load-release';
import { loadMacroRelease, mayPublish } from './macro-release';
import type { MacroDeps } from './macro-deps';
import type { Actor } from './release-deps';

/** Attempts at a page update that keeps meeting a newer version (someone editing right now). */
export const PAGE_UPDATE_ATTEMPTS = 3;
/** Attempts at recording the page on a release that keeps changing under us. */
const RECORD_ATTEMPTS = 3;

/** The document a publish writes, built from the same facts the macro shows. */
export async function publishedDocument(deps: MacroDeps, actor: Actor, loaded: LoadedRelease, config: MacroConfig, kind: PublishKind): Promise<{ title: string; adf: AdfDoc }> {
  const title = publishedPageTitle(kind, actor.project.key, loaded.version.name, config.audience);
  if (kind === 'release-notes') {
    const notes = await releaseNotesFor(deps, config, loaded.version.id);
    const releaseDate = loaded.version.releaseDate;
    return { title, adf: releaseNotesAdf({ title, versionName: loaded.version.name, audience: config.audience, ...(releaseDate && { releaseDate }) }, notes) };
  }
  return { title, adf: retrospectiveAdf(title, await retrospectiveView(deps, actor, loaded)) };
}

/**
 * Publishes release notes or a retrospective as a static Confluence page, as the person.
 * The page is found, in order: the one remembered for this release and kind; a current page with
 * the same title in the space (adopted, not duplicated); else it is created. An update that meets
 * a newer page version (409) re-reads the page and tries again, a bounded number of times. Then the
 * Jira version's related work links the page (once), and the release remembers it, which passes
 * the "page published" gate.
 * Who may: anyone with a Preflight role in the project (Confluence still checks the space).
 * @throws AppError FORBIDDEN; ProductError; ConflictError when the page kept changing.
 */
export async function publishPage(deps: MacroDeps, accountId: string, config: MacroConfig, kind: PublishKind, spaceId: string): Promise<PublishResult> {
  const { actor, loaded } = await loadMacroRelease(deps, accountId, config);
  if (!mayPublish(loaded)) {
    throw new AppError('FORBIDDEN', `Publishing needs a Preflight role in ${actor.project.key} (release owner, engineering lead or QA).`);
  }
  const { title, adf } = await publishedDocument(deps, actor, loaded, config, kind);
  const problems = adfProblems(adf);
  if (problems.length > 0) {
    console.error('Preflight built an invalid page document', problems.slice(0, 5));
    throw new AppError('INTERNAL', 'Preflight could not build a valid page for this release. Nothing was published.');
  }

  // The release remembers its customer-facing notes and its retrospective (they pass the gates);
  // internal notes are found by their own title each time and never stand in for the customer page.
  const internal = kind === 'release-notes' && config.audience === 'internal';
  const remembered = internal ? undefined : kind === 'release-notes' ? loaded.record.published.releaseNotes : loaded.record.published.retrospective;
  let target: PageRef | undefined = remembered ? await deps.pages.get(remembered.pageId) : undefined;
  let outcome: PublishResult['outcome'] = 'updated';
  if (!target) {
    target = await deps.pages.findByTitle(spaceId, title);
    outcome = 'adopted';
  }
  let page: PageRef;
  if (target) {
    page = await updateWithRetry(deps, target, { spaceId, title, adf });
  } else {
    try {
      page = await deps.pages.create({ spaceId, title, adf });
      outcome = 'created';
    } catch (error) {
      // Someone created it between our look and our create: adopt theirs.
      const raced = error instanceof ProductError && error.status === 400 ? await deps.pages.findByTitle(spaceId, title) : undefined;
      if (!raced) throw error;
      page = await updateWithRetry(deps, raced, { spaceId, title, adf });
      outcome = 'adopted';
    }
  }

  await linkFromVersion(deps, loaded.version.id, page, kind);
  const at = internal ? deps.clock.now().toISOString() : await rememberPage(deps, actor, loaded.version.id, kind, page);
  return { pageId: page.id, url: page.url, at, title: page.title, pageVersion: page.version, outcome };
}

/** Updates a page; on a 409 re-reads its version and tries again, at most PAGE_UPDATE_ATTEMPTS times. */
export async function updateWithRetry(deps: MacroDeps, start: PageRef, content: { spaceId: string; title: string; adf: unknown }): Promise<PageRef> {
  let current = start;
  for (let attempt = 1; ; attempt++) {
    try {
      return await deps.pages.update({ id: current.id, ...content, version: current.version + 1 });
    } catch (error) {
      if (!(error instanceof ProductError && error.status === 409) || attempt >= PAGE_UPDATE_ATTEMPTS) {
        if (error instanceof ProductError && error.status === 409) {
          throw new ConflictError(`The page "${content.title}" kept changing while Preflight published it. Try again in a moment.`);
        }
        throw error;
      }
      const fresh = await deps.pages.get(current.id);
      if (!fresh) throw error;
      current = fresh;
    }
  }
}

/** A failure here must not undo the publish: the page exists; the link can come next time. */
async function linkFromVersion(deps: MacroDeps, versionId: string, page: PageRef, kind: PublishKind): Promise<void> {
  try {
    await deps.writes.ensureRelatedWork(versionId, { category: 'Documentation', title: page.title, url: page.url });
  } catch (error) {
    console.warn(`Preflight could not link the ${kind} page from the Jira version`, error);
  }
}

/** Saves the page on the release record, re-reading and retrying when someone saved in between. */
async function rememberPage(deps: MacroDeps, actor: Actor, versionId: string, kind: PublishKind, page: PageRef): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const loaded = await loadRelease(deps, actor, versionId);
    const at = deps.clock.now().toISOString();
    const change = recordPublishedPage(loaded.record, kind, { pageId: page.id, url: page.url, title: page.title }, actor.accountId, at);
    const events = [...change.events];
    if (loaded.storedRevision === undefined) {
      events.unshift({ type: 'release-started', by: actor.accountId, at, summary: `Started tracking ${loaded.version.name} as a ${change.record.releaseType} release` });
    }
    try {
      await deps.store.save(change.record, loaded.storedRevision, events);
      return at;
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= RECORD_ATTEMPTS) throw error;
    }
  }
}
