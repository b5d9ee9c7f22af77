import { z } from 'zod';
import { safeText } from '../domain/safe-text';
import type { IncidentsView, ReleaseView } from './release-panel';

/**
 * The Confluence macros' resolver contract (release checklist, release notes, retrospective) and
 * publishing. Imports only zod, so the Custom UI can import it. A macro's saved configuration is
 * `MacroConfig`; every macro call carries it, since a macro lives on a page, not in a project.
 */

export const MACRO_KEYS = {
  projects: 'macro/projects',
  versions: 'macro/versions',
  spaces: 'macro/spaces',
  checklist: 'macro/checklist',
  releaseNotes: 'macro/release-notes',
  retrospective: 'macro/retrospective',
  publish: 'macro/publish',
  canPublish: 'macro/can-publish',
  exportNotes: 'macro/export-notes',
} as const;

/** Manifest module keys of the three macros (the UI routes on them, the site frames them). */
export const MACRO_MODULES = {
  checklist: 'preflight-checklist-macro',
  releaseNotes: 'preflight-release-notes-macro',
  retrospective: 'preflight-retrospective-macro',
} as const;

/** The issue-type groups of release notes, in the default order. */
export const TYPE_GROUPS = ['features', 'improvements', 'fixes', 'other'] as const;
export type TypeGroup = (typeof TYPE_GROUPS)[number];
export const TYPE_GROUP_TITLES: Record<TypeGroup, string> = {
  features: 'New features',
  improvements: 'Improvements',
  fixes: 'Bug fixes',
  other: 'Other changes',
};

export const GROUPINGS = ['type', 'component', 'label', 'epic'] as const;
export type Grouping = (typeof GROUPINGS)[number];
export const AUDIENCES = ['customer', 'internal'] as const;
export type Audience = (typeof AUDIENCES)[number];
/** `evidence`: the evidence pack as a readable page (release owner only; see publish-page.ts). */
export const PUBLISH_KINDS = ['release-notes', 'retrospective', 'evidence'] as const;
export type PublishKind = (typeof PUBLISH_KINDS)[number];

const projectKey = z.string().regex(/^[A-Z][A-Z0-9_]{0,254}$/, 'expected a Jira project key such as PAY');
const versionId = z.string().regex(/^\d{1,18}$/, 'expected a Jira version id (digits)');

/** What a macro's configuration view saves (through `view.submit`) and every macro call sends. */
export const macroConfigSchema = z
  .object({
    projectKey,
    versionId,
    audience: z.enum(AUDIENCES).default('customer'),
    grouping: z.enum(GROUPINGS).default('type'),
    /** Order of the issue-type groups; groups left out follow in the default order. */
    typeOrder: z
      .array(z.enum(TYPE_GROUPS))
      .max(TYPE_GROUPS.length)
      .refine((order) => new Set(order).size === order.length, 'expected each group at most once')
      .optional(),
    /**
     * Release notes: list issues not done yet in a "Not yet shipped" section (never counted as
     * changes). Unset: off for customer notes, on for internal ones.
     */
    showUnfinished: z.boolean().optional(),
  })
  .strict();
export type MacroConfig = z.infer<typeof macroConfigSchema>;
/** The config as the UI edits it (defaults not yet applied). */
export type MacroConfigInput = z.input<typeof macroConfigSchema>;

export const projectsPayload = z.object({}).strict();
export const versionsPayload = z.object({ projectKey }).strict();
export const spacesPayload = z.object({}).strict();
export const macroViewPayload = z.object({ config: macroConfigSchema }).strict();
export const publishPayload = z
  .object({
    config: macroConfigSchema,
    kind: z.enum(PUBLISH_KINDS),
    spaceId: z.string().regex(/^\d{1,18}$/, 'expected a Confluence space id (digits)'),
    /**
     * Publish a new page beside the existing one (a distinct, dated title) instead of updating it:
     * only when the person asks, after Preflight refused to update a page it could not merge into.
     */
    beside: z.boolean().optional(),
  })
  .strict();
export const exportNotesPayload = z.object({ config: macroConfigSchema, format: z.enum(['markdown', 'json']) }).strict();

export type MacroViewPayload = z.infer<typeof macroViewPayload>;
export type PublishPayload = z.infer<typeof publishPayload>;
export type ExportNotesPayload = z.infer<typeof exportNotesPayload>;

// ---- views ---------------------------------------------------------------------------------

export interface PickOption {
  id: string;
  /** A project key, a version name or a space key and name, as people know them. */
  label: string;
}

export interface VersionRef {
  id: string;
  name: string;
  released: boolean;
  releaseDate?: string;
}

export interface ReleaseNoteEntry {
  issueId: string;
  issueKey: string;
  /** The release-note text from the issue's property, else its summary. Plain text, never markup. */
  text: string;
  /** Where the entry links: the issue in Jira. */
  url: string;
  issueType: string;
}

export interface ReleaseNoteGroup {
  /** A type group, a component or label name, an epic key; '' for "no component" and the like. */
  key: string;
  title: string;
  count: number;
  entries: ReleaseNoteEntry[];
}

export interface ReleaseNotesView {
  project: { id: string; key: string };
  version: VersionRef;
  audience: Audience;
  grouping: Grouping;
  groups: ReleaseNoteGroup[];
  /** Entries in the notes. */
  total: number;
  /** Issues of the version left out because they are internal (customer-facing notes only). */
  leftOutInternal: number;
  /** Issues not done yet, in their own "Not yet shipped" section when the macro shows them. */
  unfinished: ReleaseNoteEntry[];
  /** How many issues the audience would see are not done yet (listed or not); never counted as changes. */
  unfinishedCount: number;
  published?: PublishedPageView;
}

export interface PhaseDatesView {
  phaseId: string;
  name: string;
  plannedStart?: string;
  plannedEnd?: string;
  actualStart?: string;
  actualEnd?: string;
  /** Whole days the phase ended after (positive) or before (negative) its planned end. */
  endSlipDays?: number;
}

export interface RetrospectiveView {
  project: { id: string; key: string };
  version: VersionRef;
  phases: PhaseDatesView[];
  scope: {
    frozenAt?: string;
    /** Issues in the version when scope froze (undefined before the freeze). */
    atFreeze?: number;
    /** Issues in the version now (at release, once released). */
    atRelease: number;
    addedAfterFreeze: string[];
    /** Issues that left this version for another one, with where they went. */
    slipped: Array<{ issueKey: string; to: string }>;
  };
  overrides: Array<{ from: string; to: string; by: string; at: string; reason: string; gates: string[] }>;
  qaRejections: Array<{ issueKey: string; build?: string; by: string; at: string; summary: string }>;
  incidents: { logged: boolean; link?: string; by?: string; at?: string };
  /**
   * Incidents from monitoring during bedding-in (issue 13), with their times relative to the
   * deployment, the release's time to restore and the project's change failure rate; absent when
   * the app has no incident store.
   */
  monitoring?: IncidentsView;
  /** Checklist items ticked with a link (a rollback plan, a monitoring dashboard): what was verified, and where. */
  verifiedLinks: Array<{ gateId: string; name: string; phase: string; link: string; by: string; at: string }>;
  /** The discussion sections the team fills in on the published page. */
  sections: string[];
  published?: PublishedPageView;
}

/** `macro/can-publish`: asked separately so rendering a macro needs no role lookup. */
export interface PublishPermissionView {
  canPublish: boolean;
  /** Why not, for the person to read. */
  reason?: string;
}

export interface ChecklistMacroView {
  release: ReleaseView;
}

export interface PublishedPageView {
  pageId: string;
  url: string;
  at: string;
}

export interface PublishResult extends PublishedPageView {
  title: string;
  /** The page's version after this publish: 1 when created, higher when updated. */
  pageVersion: number;
  /** `beside`: a new page next to one Preflight could not merge into, because the person asked. */
  outcome: 'created' | 'updated' | 'adopted' | 'beside';
}

/**
 * The field a refused publish names when Preflight could not find its own blocks on the page (or
 * someone wrote inside them): the UI then offers to publish a new page beside it.
 */
export const PUBLISH_BESIDE_FIELD = 'beside';

export interface ExportResult {
  filename: string;
  mimeType: string;
  text: string;
}

/** The discussion sections of a retrospective, in order. */
export const RETRO_SECTIONS = ['What went well', "What didn't", 'Actions'] as const;

/** A release as people name it: "PAY 2.2" (the version's name, prefixed with the project key unless it starts with it). */
export function releaseName(projectKey: string, versionName: string): string {
  // A bidi override in the version name would reverse the title's own words in Confluence's page tree and search.
  const name = safeText(versionName);
  return name.startsWith(`${projectKey} `) ? name : `${projectKey} ${name}`;
}

/** The title of a published page: stable per release and kind, so publishing again finds it. */
export function publishedPageTitle(kind: PublishKind, projectKey: string, versionName: string, audience: Audience = 'customer'): string {
  const release = releaseName(projectKey, versionName);
  if (kind === 'retrospective') return `Retrospective: ${release}`;
  if (kind === 'evidence') return `Evidence: ${release}`;
  // Internal notes list issues customers must not see: they get a page of their own, never the customer one.
  return audience === 'internal' ? `Internal release notes: ${release}` : `Release notes: ${release}`;
}

/** The title of a page published beside one Preflight could not update: dated, so it is distinct. */
export function besidePageTitle(title: string, at: string): string {
  return `${title} (Preflight, ${at.slice(0, 16).replace('T', ' ')} UTC)`;
}

/** What publishing answers, and the panel shows, on a site whose installation has no Confluence. */
export const CONFLUENCE_NOT_CONNECTED =
  'Confluence is not connected to this site, so Preflight cannot publish pages here. A site admin can add Confluence to the site; Preflight then publishes without any other change.';
