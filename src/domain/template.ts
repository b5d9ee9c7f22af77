import { z } from 'zod';

/**
 * Release templates: which phases a release goes through and which gates guard each exit. A project
 * admin edits them in the project settings; a release keeps a copy of its template from the day it
 * started, so editing the template never changes the rules of a release already under way.
 */

export const RELEASE_TYPES = ['major', 'minor', 'hotfix'] as const;
export type ReleaseType = (typeof RELEASE_TYPES)[number];

/** Preflight's own roles; project settings map Jira project roles onto them. */
export const PREFLIGHT_ROLES = ['release-owner', 'engineering-lead', 'qa'] as const;
export type PreflightRole = (typeof PREFLIGHT_ROLES)[number];

export const ROLE_LABELS: Record<PreflightRole, string> = {
  'release-owner': 'Release owner',
  'engineering-lead': 'Engineering lead',
  qa: 'QA lead',
};

/** Gates computed from Jira and Preflight's own records; each has one evaluator in gates.ts. */
export const AUTO_CHECKS = [
  'version-has-issues',
  'release-date-in-future',
  'all-issues-done',
  'no-open-blockers',
  'qa-approved-current-build',
  'scope-changes-resolved',
  'release-notes-published',
  'version-released',
  'retrospective-published',
  'deployed-to-production',
  'no-open-severe-incident',
  'bedding-in-clean',
] as const;
export type AutoCheck = (typeof AUTO_CHECKS)[number];

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'expected 1-40 lower-case letters, digits or dashes, starting with a letter or digit');
const name = z.string().trim().min(1, 'expected a name').max(120, 'expected at most 120 characters');

export const gateSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('auto'), id, name, check: z.enum(AUTO_CHECKS) }).strict(),
  z
    .object({
      kind: z.literal('manual'),
      id,
      name,
      /** The item is only done with a link (a rollback plan, a dashboard) attached. */
      requiresLink: z.boolean().default(false),
    })
    .strict(),
  z
    .object({
      kind: z.literal('signoff'),
      id,
      name,
      roles: z.array(z.enum(PREFLIGHT_ROLES)).min(1, 'expected at least one role to sign off').max(3),
    })
    .strict(),
]);
export type Gate = z.infer<typeof gateSchema>;

export const phaseTemplateSchema = z
  .object({
    id,
    name,
    gates: z.array(gateSchema).max(30, 'expected at most 30 gates in a phase'),
  })
  .strict();
export type PhaseTemplate = z.infer<typeof phaseTemplateSchema>;

export const phasesSchema = z
  .array(phaseTemplateSchema)
  .min(1, 'expected at least one phase')
  .max(10, 'expected at most 10 phases')
  .superRefine((phases, ctx) => {
    const phaseIds = new Set<string>();
    // Gate ids key checklist ticks and sign-offs, so they must be unique across the whole release.
    const gateIds = new Set<string>();
    phases.forEach((phase, p) => {
      if (phaseIds.has(phase.id)) ctx.addIssue({ code: 'custom', path: [p, 'id'], message: `phase id "${phase.id}" is used twice; ids must be unique` });
      phaseIds.add(phase.id);
      phase.gates.forEach((gate, g) => {
        if (gateIds.has(gate.id)) ctx.addIssue({ code: 'custom', path: [p, 'gates', g, 'id'], message: `gate id "${gate.id}" is used twice; ids must be unique across phases` });
        gateIds.add(gate.id);
      });
    });
  });

export const templateSchema = z
  .object({
    major: phasesSchema,
    minor: phasesSchema,
    hotfix: phasesSchema,
  })
  .strict();
export type ReleaseTemplate = z.infer<typeof templateSchema>;

const auto = (gateId: string, gateName: string, check: AutoCheck): Gate => ({ kind: 'auto', id: gateId, name: gateName, check });
const manual = (gateId: string, gateName: string, requiresLink = false): Gate => ({ kind: 'manual', id: gateId, name: gateName, requiresLink });
const signoff = (gateId: string, gateName: string, roles: PreflightRole[]): Gate => ({ kind: 'signoff', id: gateId, name: gateName, roles });

/** The default lifecycle of PRODUCT.md, for a major release. */
const MAJOR: PhaseTemplate[] = [
  {
    id: 'planning',
    name: 'Planning',
    gates: [
      auto('has-issues', 'Version has issues', 'version-has-issues'),
      auto('date-in-future', 'Release date set and in the future', 'release-date-in-future'),
      manual('dependencies', 'Dependencies identified'),
      manual('risk-assessment', 'Risk assessment done'),
      signoff('planning-signoff', 'Scope approved by the release owner', ['release-owner']),
    ],
  },
  {
    id: 'build-test',
    name: 'Build & test',
    gates: [
      auto('all-done', 'Every issue is done', 'all-issues-done'),
      auto('no-blockers', 'No open blocker or critical bugs', 'no-open-blockers'),
      auto('qa-approved', 'QA approved the current build', 'qa-approved-current-build'),
      auto('scope-resolved', 'Scope changes after freeze resolved', 'scope-changes-resolved'),
      manual('regression', 'Regression suite passed'),
      manual('performance', 'Performance tests passed'),
    ],
  },
  {
    id: 'release-prep',
    name: 'Release preparation',
    gates: [
      auto('notes-published', 'Release notes page published', 'release-notes-published'),
      manual('rollback-plan', 'Rollback plan documented and tested', true),
      manual('stakeholders', 'Stakeholders notified'),
      manual('environment', 'Environment configuration verified'),
      manual('deploy-window', 'Deployment window chosen'),
      signoff('go-no-go', 'Go/no-go', ['release-owner', 'engineering-lead', 'qa']),
    ],
  },
  {
    id: 'deployment',
    name: 'Deployment',
    gates: [
      auto('version-released', 'Jira version marked released', 'version-released'),
      auto('deployed-production', 'Build under test deployed to production', 'deployed-to-production'),
      manual('deploy-verified', 'Deployment verified'),
      manual('monitoring', 'Monitoring dashboards in place', true),
    ],
  },
  {
    id: 'post-release',
    name: 'Post-release review',
    gates: [
      auto('retro-published', 'Retrospective page published', 'retrospective-published'),
      // From monitoring alerts (README "Monitoring"). The manual "Incidents logged" stays for what no monitor saw.
      auto('no-severe-incidents', 'No open incident of severity 1-2', 'no-open-severe-incident'),
      auto('bedding-in-clean', 'Bedding-in period passed without an incident', 'bedding-in-clean'),
      manual('incidents', 'Incidents logged'),
      manual('follow-ups', 'Follow-up actions filed'),
    ],
  },
];

const without = (phases: PhaseTemplate[], gateIds: string[]): PhaseTemplate[] =>
  phases.map((p) => ({ ...p, gates: p.gates.filter((g) => !gateIds.includes(g.id)) }));

/**
 * Minor releases skip the performance run; hotfixes skip the planning paperwork and performance
 * run but keep every safety gate (QA, rollback plan, go/no-go).
 */
export const DEFAULT_TEMPLATE: ReleaseTemplate = {
  major: MAJOR,
  minor: without(MAJOR, ['performance']),
  hotfix: without(MAJOR, ['dependencies', 'risk-assessment', 'performance', 'stakeholders']),
};

export function allGates(phases: PhaseTemplate[]): Gate[] {
  return phases.flatMap((p) => p.gates);
}
