import { adfProblems, type AdfDoc } from '../domain/adf/adf-kit';
import { evidenceAdf } from '../domain/adf/evidence-adf';
import { releaseNotesAdf } from '../domain/adf/release-notes-adf';
import { retrospectiveAdf } from '../domain/adf/retrospective-adf';
import { mergeOwnedBlocks, OWNED_PREFIX, type MergeOutcome } from '../domain/adf/owned-blocks';
import { publishedTitle, recordPublishedPage, shippedDigest, type NotesScope } from '../domain/publishing';
import { releaseStartedLine } from '../domain/release';
import { AppError, ConflictError, ProductError } from '../errors';
import { english, text, type Text } from '../i18n/server-translator';
import type { PageRef } from '../ports';
import { besidePageTitle, PUBLISH_BESIDE_FIELD, type MacroConfig, type PublishKind, type PublishResult } from '../shared/macros';
import { exportEvidencePack } from './export-evidence-pack';
import { readReleaseNotes } from './get-release-notes';
import { retrospectiveView } from './get-retrospective';
import { loadRelease, type LoadedRelease } from './load-release';
import { loadMacroRelease, mayPublish } from './macro-release';
import { inOtherLanguages, projectTranslator } from './project-language';
import type { MacroDeps } from './macro-deps';
import type { Actor } from './release-deps';

/** Attempts at a page update that keeps meeting a newer version (someone editing right now). */
export const PAGE_UPDATE_ATTEMPTS = 3;
/** Attempts at recording the page on a release that keeps changing under us. */
const RECORD_ATTEMPTS = 3;

/**
 * The document a publish writes, built from the same facts the macro shows, in the project's
 * language (title included); notes also say what scope they cover.
 */
export async function publishedDocument(
  deps: MacroDeps,
  actor: Actor,
  loaded: LoadedRelease,
  config: MacroConfig,
  kind: PublishKind,
): Promise<{ title: string; adf: AdfDoc; formerTitles: string[]; scope?: NotesScope }> {
  const tr = projectTranslator(loaded.settings);
  const titleIn = (translator: typeof tr) => publishedTitle(translator, kind, actor.project.key, loaded.version.name, config.audience);
  const title = titleIn(tr);
  const formerTitles = inOtherLanguages(tr, titleIn);
  if (kind === 'release-notes') {
    const { notes, doneIssueIds } = await readReleaseNotes(deps, config, loaded.version.id, tr);
    const { releaseDate, released } = loaded.version;
    const adf = releaseNotesAdf({ title, versionName: loaded.version.name, audience: config.audience, released, ...(releaseDate && { releaseDate }) }, notes, tr);
    return { title, adf, formerTitles, scope: { digest: shippedDigest(doneIssueIds), doneIssues: doneIssueIds.length, planned: !released } };
  }
  if (kind === 'evidence') return { title, formerTitles, adf: evidenceAdf(title, await exportEvidencePack(deps, actor, { versionId: loaded.version.id }), tr) };
  return { title, formerTitles, adf: retrospectiveAdf(title, await retrospectiveView(deps, actor, loaded), tr) };
}

/**
 * The body an update writes: the fresh owned blocks merged into the page as it is now, keeping
 * everything people wrote. A page Preflight cannot merge into is refused, never overwritten.
 * @throws AppError RULE_VIOLATION naming the `beside` field, so the UI can offer a page beside it.
 */
export function mergedBody(page: PageRef, fresh: AdfDoc): AdfDoc {
  const merged = mergeOwnedBlocks(page.adf, fresh);
  if (merged.ok) {
    const problems = adfProblems(merged.adf);
    if (problems.length === 0) return merged.adf;
    console.error('Merging into the published page gave an invalid document', problems.slice(0, 5));
    throw refusal(page, text('errors.publish.cannotFit'));
  }
  throw refusal(page, mergeRefusal(merged), merged.message);
}

function refusal(page: PageRef, why: Text, whyAsWritten?: string): AppError {
  const offer = text('errors.publish.besideOffer');
  const said = text('errors.publish.notUpdated', { title: page.title, why, offer });
  const asWritten = whyAsWritten === undefined ? undefined : english(text('errors.publish.notUpdated', { title: page.title, why: whyAsWritten, offer }));
  return new AppError('RULE_VIOLATION', said, [{ field: PUBLISH_BESIDE_FIELD, message: offer }], asWritten === undefined ? undefined : { asWritten });
}

/** Why the merge refused, in the reader's language (English callers read the merge's own sentence). */
function mergeRefusal(merged: Extract<MergeOutcome, { ok: false }>): Text {
  const blocks = merged.blocks.map((b) => b.slice(OWNED_PREFIX.length).replace(/-/g, ' ')).join(', ');
  if (merged.reason === 'blocks-duplicated') return text('errors.publish.blocksDuplicated', { blocks });
  if (merged.reason === 'blocks-missing') return text('errors.publish.blocksMissing', { blocks });
  if (merged.reason === 'blocks-edited') return text('errors.publish.blocksEdited', { blocks });
  return text('errors.publish.notPreflightPage');
}

/**
 * Publishes release notes, a retrospective or the evidence page as a Confluence page, as the person.
 * The page is found, in order: the one remembered for this release and kind; a current page with
 * the same title in the space (adopted, not duplicated); else it is created with every section.
 * An existing page keeps everything people wrote: only Preflight's owned blocks are replaced (see
 * `mergeOwnedBlocks`); when they cannot be found, or someone wrote inside one, nothing is written
 * and the person may ask for a new page beside it (`beside`), under a distinct dated title. An
 * update that meets a newer page version (409) re-reads the page, merges again and retries, a
 * bounded number of times. Then the Jira version's related work links the page (once), and the
 * release remembers it (customer notes with the shipped scope they cover), which passes the
 * "page published" gate.
 * Who may: anyone with a Preflight role in the project (Confluence still checks the space); the
 * evidence page (the evidence pack as a readable page, not remembered on the record): the release owner.
 * @throws AppError FORBIDDEN, RULE_VIOLATION (cannot merge); ProductError; ConflictError when the page kept changing.
 */
export async function publishPage(deps: MacroDeps, accountId: string, config: MacroConfig, kind: PublishKind, spaceId: string, options: { beside?: boolean } = {}): Promise<PublishResult> {
  const { actor, loaded } = await loadMacroRelease(deps, accountId, config);
  if (!mayPublish(loaded)) {
    throw new AppError('FORBIDDEN', text('errors.publish.needsRole', { project: actor.project.key }));
  }
  // The evidence page is an audit record: only the person accountable for the release puts it out.
  if (kind === 'evidence' && !loaded.roles.includes('release-owner')) {
    throw new AppError('FORBIDDEN', text('errors.publish.evidenceOwner', { project: actor.project.key }));
  }
  const built = await publishedDocument(deps, actor, loaded, config, kind);
  const { scope } = built;

  // The release remembers its customer-facing notes and its retrospective (they pass the gates);
  // internal notes are found by their own title each time and never stand in for the customer page.
  // So is the evidence page: remembering it would add an event to the record it shows, and the
  // digest on the page would no longer match a pack exported right after.
  const internal = (kind === 'release-notes' && config.audience === 'internal') || kind === 'evidence';
  const remembered = internal || options.beside ? undefined : kind === 'release-notes' ? loaded.record.published.releaseNotes : loaded.record.published.retrospective;
  const { page, outcome } = await writePage(deps, spaceId, built, { ...(remembered && { rememberedPageId: remembered.pageId }), ...(options.beside && { beside: true }) });

  await linkFromVersion(deps, loaded.version.id, page, kind);
  const at = internal ? deps.clock.now().toISOString() : await rememberPage(deps, actor, loaded.version.id, kind, page, scope);
  return { pageId: page.id, url: page.url, at, title: page.title, pageVersion: page.version, outcome };
}

/**
 * Writes a built page the way every Preflight page is published: the document must be valid ADF;
 * the page is the remembered one, else a current page with the same title in the space (adopted,
 * not duplicated), else one under the title it had in another language (`formerTitles`: pages
 * found by title, published before the project's language changed, are renewed, not doubled),
 * else a new one. An existing page keeps everything people wrote (see
 * `mergedBody`); `beside` publishes a new page under a distinct dated title instead. A release's
 * pages and a train's combined notes both go through here.
 * @throws AppError INTERNAL (invalid document), RULE_VIOLATION (cannot merge); ProductError; ConflictError.
 */
export async function writePage(
  deps: Pick<MacroDeps, 'pages' | 'clock'>,
  spaceId: string,
  built: { title: string; adf: AdfDoc; formerTitles?: readonly string[] },
  options: { rememberedPageId?: string; beside?: boolean } = {},
): Promise<{ page: PageRef; outcome: PublishResult['outcome'] }> {
  const { adf } = built;
  const problems = adfProblems(adf);
  if (problems.length > 0) {
    console.error('Preflight built an invalid page document', problems.slice(0, 5));
    throw new AppError('INTERNAL', text('errors.publish.invalidPage'));
  }
  const title = options.beside ? besidePageTitle(built.title, deps.clock.now().toISOString()) : built.title;
  let target: PageRef | undefined = options.rememberedPageId && !options.beside ? await deps.pages.get(options.rememberedPageId) : undefined;
  let outcome: PublishResult['outcome'] = 'updated';
  if (!target) {
    target = await deps.pages.findByTitle(spaceId, title);
    outcome = 'adopted';
  }
  // One lookup per other language, only when nothing else matched (a first publish pays them once).
  for (const former of options.beside ? [] : (built.formerTitles ?? [])) {
    if (target) break;
    target = await deps.pages.findByTitle(spaceId, former);
  }
  if (target) {
    const page = await updateWithRetry(deps, target, { spaceId, title: target.title, adf: (current: PageRef) => mergedBody(current, adf) });
    return { page, outcome };
  }
  try {
    return { page: await deps.pages.create({ spaceId, title, adf }), outcome: options.beside ? 'beside' : 'created' };
  } catch (error) {
    // Someone created it between our look and our create: merge into theirs.
    const raced = error instanceof ProductError && error.status === 400 ? await deps.pages.findByTitle(spaceId, title) : undefined;
    if (!raced) throw error;
    return { page: await updateWithRetry(deps, raced, { spaceId, title: raced.title, adf: (current: PageRef) => mergedBody(current, adf) }), outcome: 'adopted' };
  }
}

/**
 * Updates a page; on a 409 re-reads it and tries again, at most PAGE_UPDATE_ATTEMPTS times. `adf`
 * may be built from the page as read, so a retry merges into what the other person just saved.
 */
export async function updateWithRetry(
  deps: Pick<MacroDeps, 'pages'>,
  start: PageRef,
  content: { spaceId: string; title: string; adf: unknown | ((current: PageRef) => unknown) },
): Promise<PageRef> {
  let current = start;
  for (let attempt = 1; ; attempt++) {
    const body = typeof content.adf === 'function' ? (content.adf as (current: PageRef) => unknown)(current) : content.adf;
    try {
      return await deps.pages.update({ id: current.id, spaceId: content.spaceId, title: content.title, adf: body, version: current.version + 1 });
    } catch (error) {
      if (!(error instanceof ProductError && error.status === 409) || attempt >= PAGE_UPDATE_ATTEMPTS) {
        if (error instanceof ProductError && error.status === 409) {
          throw new ConflictError(text('errors.publish.keptChanging', { title: content.title }));
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
export async function linkFromVersion(deps: Pick<MacroDeps, 'writes'>, versionId: string, page: PageRef, kind: PublishKind | 'train-notes'): Promise<void> {
  try {
    await deps.writes.ensureRelatedWork(versionId, { category: 'Documentation', title: page.title, url: page.url });
  } catch (error) {
    console.warn(`Preflight could not link the ${kind} page from the Jira version`, error);
  }
}

/** Saves the page on the release record, re-reading and retrying when someone saved in between. */
async function rememberPage(deps: MacroDeps, actor: Actor, versionId: string, kind: PublishKind, page: PageRef, scope?: NotesScope): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const loaded = await loadRelease(deps, actor, versionId);
    const at = deps.clock.now().toISOString();
    const change = recordPublishedPage(loaded.record, kind, { pageId: page.id, url: page.url, title: page.title }, actor.accountId, at, scope);
    const events = [...change.events];
    if (loaded.storedRevision === undefined) {
      events.unshift({ type: 'release-started', by: actor.accountId, at, ...releaseStartedLine(loaded.version.name, change.record.releaseType) });
    }
    try {
      await deps.store.save(change.record, loaded.storedRevision, events);
      return at;
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= RECORD_ATTEMPTS) throw error;
    }
  }
}
