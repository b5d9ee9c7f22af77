import type { z } from 'zod';
import { releaseDeps } from '../composition';
import {
  advancePayload,
  decideScopePayload,
  evidencePackPayload,
  editChecklistItemPayload,
  getReleasePayload,
  releaseAuditPayload,
  releaseIssuesPayload,
  releaseVersionPayload,
  setAnnouncementPayload,
  setBuildPayload,
  setDatesPayload,
  setTypePayload,
  signOffPayload,
  tickPayload,
  verifyEvidencePayload,
} from '../shared/release-panel';
import { getSettingsPayload, saveSettingsPayload } from '../shared/settings';
import { advancePhase } from '../usecases/advance-phase';
import { decideScopeChange } from '../usecases/decide-scope-change';
import { exportEvidencePack, verifyEvidence } from '../usecases/export-evidence-pack';
import { editChecklistItem } from '../usecases/edit-checklist-item';
import { getRelease } from '../usecases/get-release';
import { getSettings } from '../usecases/get-settings';
import { listAuditEvents } from '../usecases/list-audit-events';
import { listGateIssues } from '../usecases/list-gate-issues';
import type { Actor } from '../usecases/release-deps';
import { releaseVersion } from '../usecases/release-version';
import { saveSettings } from '../usecases/save-settings';
import { setAnnouncementDate } from '../usecases/set-announcement-date';
import { setBuildUnderTest } from '../usecases/set-build-under-test';
import { setPhaseDates } from '../usecases/set-phase-dates';
import { setReleaseType } from '../usecases/set-release-type';
import { signOff } from '../usecases/sign-off';
import { tickChecklistItem } from '../usecases/tick-checklist-item';
import { defineResolver } from './define-resolver';
import { projectPageContext } from './releases';

type ProjectContext = z.infer<typeof projectPageContext>;
type Deps = ReturnType<typeof releaseDeps>;

/**
 * The release panel's and settings page's resolvers. Each is parse -> run; the use cases check
 * the person's Preflight role before any write (the UI's disabled buttons are a courtesy only).
 */
function panel<P extends z.ZodType, R>(payload: P, run: (deps: Deps, actor: Actor, input: z.infer<P>) => Promise<R>, verbatim = false) {
  return defineResolver({
    verbatim,
    payload,
    context: projectPageContext,
    run: (input, context: ProjectContext, accountId, caller) => {
      const { id, key, type } = context.extension.project;
      return run(releaseDeps(context.siteUrl ?? ''), { accountId, project: { id, key, ...(type && { type }) }, ...caller }, input);
    },
  });
}

export const panelResolvers = {
  get: panel(getReleasePayload, (d, a, i) => getRelease(d, a, i.versionId)),
  issues: panel(releaseIssuesPayload, listGateIssues),
  audit: panel(releaseAuditPayload, listAuditEvents),
  setDates: panel(setDatesPayload, setPhaseDates),
  setType: panel(setTypePayload, setReleaseType),
  advance: panel(advancePayload, advancePhase),
  tick: panel(tickPayload, tickChecklistItem),
  signOff: panel(signOffPayload, signOff),
  setBuild: panel(setBuildPayload, setBuildUnderTest),
  decideScope: panel(decideScopePayload, decideScopeChange),
  setAnnouncement: panel(setAnnouncementPayload, setAnnouncementDate),
  releaseVersion: panel(releaseVersionPayload, releaseVersion),
  // Verbatim: the pack's digests cover the stored text, so cleaning it would fail its own verification.
  evidencePack: panel(evidencePackPayload, exportEvidencePack, true),
  verifyEvidence: panel(verifyEvidencePayload, verifyEvidence),
  editChecklistItem: panel(editChecklistItemPayload, editChecklistItem),
} satisfies Record<string, unknown>;

export const settingsResolvers = {
  get: panel(getSettingsPayload, (d, a) => getSettings(d, a)),
  save: panel(saveSettingsPayload, saveSettings),
};

