/**
 * The simulated Confluence's data: plain JSON, so the composer can persist it as is and a test can
 * build one in a line. Ids are numeric strings, as Confluence Cloud's are.
 */
import { doc, heading, listItem, orderedList, p, text } from '@atlaskit/adf-utils/builders';
import { z } from 'zod';
import { LOCAL_USERS } from '../users';

/** A page body in one of the two representations the simulator stores. */
export interface ConfluenceBody {
  representation: 'storage' | 'atlas_doc_format';
  /** XHTML for storage; a JSON-encoded ADF document for atlas_doc_format (as Confluence sends it). */
  value: string;
}

/** One saved version of a page: a full snapshot, so older versions can be read back. */
export interface ConfluencePageVersion {
  number: number;
  title: string;
  body: ConfluenceBody;
  message: string;
  minorEdit: boolean;
  authorId: string;
  /** ISO 8601 instant. */
  createdAt: string;
}

export interface ConfluencePage {
  id: string;
  spaceId: string;
  /** Undefined for a page at the root of its space (the home page, or a root-level page). */
  parentId?: string;
  /** `trashed` pages are in the space's trash (deleted without purge); purged pages are gone. */
  status: 'current' | 'draft' | 'trashed';
  authorId: string;
  ownerId: string;
  createdAt: string;
  position: number;
  /** Oldest first; the last entry is the current version. Never empty. */
  versions: ConfluencePageVersion[];
}

export interface ConfluenceSpace {
  id: string;
  key: string;
  name: string;
  description: string;
  type: 'global';
  status: 'current';
  authorId: string;
  createdAt: string;
  homepageId: string;
  /** People who may read the space but not create, edit or delete its pages. */
  readOnlyAccountIds: string[];
}

/** Everything the simulated Confluence knows. JSON-able; mutated in place by the simulator. */
export interface ConfluenceState {
  schemaVersion: 1;
  /** The next id to hand out, shared by spaces and pages (Confluence ids are unique site-wide). */
  nextId: number;
  spaces: ConfluenceSpace[];
  pages: ConfluencePage[];
}

const bodySchema = z.object({ representation: z.enum(['storage', 'atlas_doc_format']), value: z.string() });
const versionSchema = z.object({
  number: z.number().int().positive(),
  title: z.string(),
  body: bodySchema,
  message: z.string(),
  minorEdit: z.boolean(),
  authorId: z.string(),
  createdAt: z.string(),
});
const stateSchema = z.object({
  schemaVersion: z.literal(1),
  nextId: z.number().int().positive(),
  spaces: z.array(
    z.object({
      id: z.string(),
      key: z.string(),
      name: z.string(),
      description: z.string(),
      type: z.literal('global'),
      status: z.literal('current'),
      authorId: z.string(),
      createdAt: z.string(),
      homepageId: z.string(),
      readOnlyAccountIds: z.array(z.string()),
    }),
  ),
  pages: z.array(
    z.object({
      id: z.string(),
      spaceId: z.string(),
      parentId: z.string().optional(),
      status: z.enum(['current', 'draft', 'trashed']),
      authorId: z.string(),
      ownerId: z.string(),
      createdAt: z.string(),
      position: z.number().int(),
      versions: z.array(versionSchema).min(1),
    }),
  ),
});

/**
 * Checks data read back from disk. Throws an error naming the first bad field, so a hand-edited
 * or outdated file is reported instead of crashing somewhere deep in a request.
 */
export function parseConfluenceState(data: unknown): ConfluenceState {
  const result = stateSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue ? issue.path.join('.') || '(root)' : '(root)';
    throw new Error(`Confluence state is not valid at ${where}: ${issue?.message ?? 'unknown problem'}`);
  }
  return result.data as ConfluenceState;
}

/** The version a reader sees now. */
export function currentVersion(page: ConfluencePage): ConfluencePageVersion {
  const latest = page.versions[page.versions.length - 1];
  // versions is never empty (the schema and every writer guarantee it); this guards corrupt state.
  if (!latest) throw new Error(`Confluence page ${page.id} has no versions`);
  return latest;
}

/** Finds a current page by exact title in the space with this key (what the site's links need). */
export function findPageByTitle(state: ConfluenceState, spaceKey: string, title: string): ConfluencePage | undefined {
  const space = state.spaces.find((s) => s.key === spaceKey);
  if (!space) return undefined;
  return state.pages.find((p) => p.spaceId === space.id && p.status === 'current' && currentVersion(p).title === title);
}

const SEED_TIME = '2026-01-05T09:00:00.000Z';

/** Seed bodies are ADF, like the pages Preflight publishes, so the local site renders them fully. */
function seedPage(id: number, spaceId: string, title: string, adf: object, authorId: string, position: number, parentId?: string): ConfluencePage {
  return {
    id: String(id),
    spaceId,
    ...(parentId === undefined ? {} : { parentId }),
    status: 'current',
    authorId,
    ownerId: authorId,
    createdAt: SEED_TIME,
    position,
    versions: [
      { number: 1, title, body: { representation: 'atlas_doc_format', value: JSON.stringify(adf) }, message: '', minorEdit: false, authorId, createdAt: SEED_TIME },
    ],
  };
}

/**
 * The release the demo's "Release room" macros show: PAY 2.2, the version being shipped in the
 * seeded Jira. Its id there is DEMO_RELEASE.versionId on every fresh seed (ids are handed out in
 * plan order); the site passes the id it finds in its Jira so a changed seed still matches.
 */
export const DEMO_RELEASE = { projectKey: 'PAY', versionName: 'PAY 2.2', versionId: '10004' } as const;

export interface ConfluenceSeedOptions {
  /** Jira's id of PAY 2.2, the release the Release room's macros are configured on. */
  releaseRoomVersionId?: string;
}

/**
 * The demo Confluence: one space, REL "Releases", with a home page and two ordinary pages under
 * it. The viewer persona may read it but not write. Deterministic: same ids and dates every time.
 */
export function seedConfluence(options: ConfluenceSeedOptions = {}): ConfluenceState {
  const release = { projectKey: DEMO_RELEASE.projectKey, versionId: options.releaseRoomVersionId ?? DEMO_RELEASE.versionId };
  // Customer-facing notes grouped by issue type; the checklist and the retrospective need only the release.
  const releaseRoomConfigs: Record<(typeof PREFLIGHT_MACROS)[number], Record<string, unknown>> = {
    'preflight-checklist-macro': { ...release },
    'preflight-release-notes-macro': { ...release, audience: 'customer', grouping: 'type' },
    'preflight-retrospective-macro': { ...release },
  };
  const owner = LOCAL_USERS.find((u) => u.persona === 'release-owner') ?? LOCAL_USERS[0];
  const viewers = LOCAL_USERS.filter((u) => u.persona === 'viewer').map((u) => u.accountId);
  const ownerId = owner?.accountId ?? 'unknown';
  const spaceId = '98305';
  const homeId = '98306';
  return {
    schemaVersion: 1,
    nextId: 98311,
    spaces: [
      {
        id: spaceId,
        key: 'REL',
        name: 'Releases',
        description: 'Release notes, checklists and retrospectives, published by Preflight.',
        type: 'global',
        status: 'current',
        authorId: ownerId,
        createdAt: SEED_TIME,
        homepageId: homeId,
        readOnlyAccountIds: viewers,
      },
    ],
    pages: [
      seedPage(
        98306,
        spaceId,
        'Releases Home',
        doc(
          heading({ level: 1 })(text('Releases')),
          p(text('Release notes and retrospectives for every version we ship. Preflight publishes a page here when a version is released.')),
        ),
        ownerId,
        0,
      ),
      seedPage(
        98307,
        spaceId,
        'How we release',
        doc(
          heading({ level: 2 })(text('Phases')),
          orderedList()(
            listItem([p(text('Plan: scope the version and set a date.'))]),
            listItem([p(text('Stabilise: freeze scope, fix blockers, QA signs off.'))]),
            listItem([p(text('Ship: release in Jira, publish notes here.'))]),
          ),
          p(text("Scope changes after the freeze need the release owner's approval.")),
        ),
        ownerId,
        0,
        homeId,
      ),
      seedPage(
        98308,
        spaceId,
        'Release calendar',
        // Preflight's "Release calendar" macro, configured on PAY and MOB: the local Confluence has no
        // editor, so its config sits in the node's guestParams (the site reads a saved config first).
        doc(
          p(text('Every release of Payments and Mobile App on one timeline: phases, freeze, release and announcement dates.')),
          {
            type: 'extension' as const,
            attrs: {
              extensionType: 'com.atlassian.ecosystem',
              extensionKey: 'app/env/static/preflight-calendar-macro',
              parameters: { localId: 'preflight-calendar-macro-calendar', guestParams: { projectKeys: ['PAY', 'MOB'], zoom: 'quarter' } },
              localId: 'preflight-calendar-macro-calendar',
            },
          },
        ),
        ownerId,
        1,
        homeId,
      ),
      // Preflight's "Release health" macro on PAY's last 10 releases (the seeded history), configured
      // in the node's guestParams like the calendar above.
      seedPage(
        98310,
        spaceId,
        'Release health',
        doc(
          p(text('How the last ten releases of Payments went: on time, scope churn, overrides, QA rejections, incidents, lead time.')),
          {
            type: 'extension' as const,
            attrs: {
              extensionType: 'com.atlassian.ecosystem',
              extensionKey: 'app/env/static/preflight-health-macro',
              parameters: { localId: 'preflight-health-macro-health', guestParams: { projectKey: 'PAY', releases: 10 } },
              localId: 'preflight-health-macro-health',
            },
          },
        ),
        ownerId,
        3,
        homeId,
      ),
      // A page with Preflight's three macros on it, configured on PAY 2.2 (in the nodes' guestParams,
      // like the calendar above): the local Confluence has no editor to insert them, so the demo
      // starts with them in place and working; Configure points one at another release.
      seedPage(
        98309,
        spaceId,
        'Release room',
        doc(
          p(text('Our release room: the live checklist, the release notes and the retrospective of PAY 2.2, the release we are shipping. Configure a macro to point it at another release.')),
          ...PREFLIGHT_MACROS.map((key) => ({
            type: 'extension' as const,
            attrs: {
              extensionType: 'com.atlassian.ecosystem',
              extensionKey: `app/env/static/${key}`,
              parameters: { localId: `${key}-demo`, guestParams: releaseRoomConfigs[key] },
              localId: `${key}-demo`,
            },
          })),
        ),
        ownerId,
        2,
        homeId,
      ),
    ],
  };
}

/** The app's macro modules (manifest.yml keys), placed on the demo "Release room" page. */
const PREFLIGHT_MACROS = ['preflight-checklist-macro', 'preflight-release-notes-macro', 'preflight-retrospective-macro'] as const;
