import type { ReleaseDeps } from './release-deps';
import { blockingGates, type GateResult } from '../domain/gates';
import { startRelease, type ReleaseRecord } from '../domain/release';
import { AppError, ProductError } from '../errors';
import type { Clock, ProjectAccess, ReleaseReads, ReleaseStore, SettingsStore, VersionDetails, VersionLookup } from '../ports';
import { versionForTag, type TagRule } from '../domain/deployments';
import { GO_RULE, type GateAnswer, type GateQuery, type GateTagMatch } from '../shared/ci-gate';
import { currentPhaseResults, evaluateRelease } from './evaluate-release';
import { projectSettings } from './load-release';
import type { QaChecks } from './qa-reconcile';
import { text } from '../i18n/server-translator';

/** What the CI gate reads: Jira as the app (only after the secret matched) and Preflight's store. */
export interface GateDeps {
  lookup: VersionLookup;
  reads: ReleaseReads;
  store: ReleaseStore;
  settings: SettingsStore;
  access: Pick<ProjectAccess, 'projectRoles'>;
  clock: Clock;
  /** Preflight's own QA records: a property someone wrote through REST must not open the gate. */
  qaChecks?: QaChecks;
  /** Incidents from monitoring, for the Post-release gates (issue 13). */
  incidents?: ReleaseDeps['incidents'];
}

/**
 * Which phase clears a release to deploy: the first phase with the "Jira version released" gate
 * (Deployment in every default template), else a phase with the id `deployment`, else the last.
 */
export function deployPhaseIndex(record: ReleaseRecord): number {
  const byGate = record.phases.findIndex((p) => p.gates.some((g) => g.kind === 'auto' && g.check === 'version-released'));
  if (byGate >= 0) return byGate;
  const byId = record.phases.findIndex((p) => p.id === 'deployment');
  return byId >= 0 ? byId : record.phases.length - 1;
}

/**
 * The go/no-go rule (GO_RULE), pure: go once the release is in the deploy phase or later (the
 * team advanced past the go/no-go, or overrode it with a recorded reason), or while it is in the
 * phase just before and none of that phase's gates block. Otherwise no-go, naming the current
 * phase's blocking gates.
 */
export function gateDecision(record: ReleaseRecord, results: GateResult[]): { decision: 'go' | 'no-go'; failingGates: string[]; reason: string } {
  const deployIndex = deployPhaseIndex(record);
  const current = record.phases.findIndex((p) => p.id === record.currentPhaseId);
  const phase = record.phases[current]?.name ?? record.currentPhaseId;
  const deployPhase = record.phases[deployIndex]?.name ?? 'Deployment';
  if (record.completedAt || current >= deployIndex) {
    return { decision: 'go', failingGates: [], reason: `The release is in ${phase}: it was cleared to deploy.` };
  }
  const blocking = blockingGates(results).map((g) => g.name);
  if (current === deployIndex - 1) {
    return blocking.length === 0
      ? { decision: 'go', failingGates: [], reason: `Every gate of ${phase} passes, the go/no-go included.` }
      : { decision: 'no-go', failingGates: blocking, reason: `${phase} still has ${blocking.length} blocking gate${blocking.length === 1 ? '' : 's'}.` };
  }
  const gatePhase = record.phases[deployIndex - 1]?.name ?? deployPhase;
  return { decision: 'no-go', failingGates: blocking, reason: `The release is in ${phase}; it must reach ${gatePhase} and pass its gates first.` };
}

/**
 * A project's version by what a pipeline sends: a version id, a Jira version name, or a tag the
 * project's tag rules map to a version name ("v2.2.0" -> "PAY 2.2"). The exact name wins over a
 * rule, so a project whose versions are named like its tags needs no rule. `tag` is set when a
 * rule found the version.
 * @throws AppError NOT_FOUND for an unknown project; ProductError when Jira fails.
 */
export async function findVersion(
  deps: { lookup: VersionLookup; reads: Pick<ReleaseReads, 'version'> },
  project: string,
  wanted: string,
  /** Read only when no version has the exact name (the project's settings, a KVS read). */
  tagRules: () => Promise<readonly TagRule[] | undefined>,
): Promise<{ version: VersionDetails; tag?: GateTagMatch } | undefined> {
  const projectId = await deps.lookup.projectId(project);
  if (!projectId) throw new AppError('NOT_FOUND', text('errors.project.none', { project }));
  if (/^\d{1,18}$/.test(wanted)) {
    try {
      const byId = await deps.reads.version(wanted);
      if (byId.projectId === projectId) return { version: byId };
    } catch (error) {
      if (!(error instanceof ProductError && error.status === 404)) throw error;
    }
  }
  // A name made of digits is possible too ("2024"), so a miss by id falls back to the name.
  const found = await deps.lookup.versionByName(project, wanted);
  if (found) return { version: await deps.reads.version(found.id) };
  const mapped = versionForTag(wanted, await tagRules());
  const byTag = mapped && (await deps.lookup.versionByName(project, mapped.name));
  if (!mapped || !byTag) return undefined;
  return { version: await deps.reads.version(byTag.id), tag: { tag: wanted, mappedTo: mapped.name } };
}

/**
 * The CI gate's answer for a project's version: evaluates the release exactly as the panel does
 * (constant REST cost) and applies the go rule. A version Preflight has not tracked yet is in its
 * template's first phase, so it is a no-go.
 * @throws AppError NOT_FOUND for an unknown project or version; ProductError when Jira fails.
 */
export async function decideGate(deps: GateDeps, query: GateQuery): Promise<GateAnswer> {
  // Read once, after the project is known to exist: a tag is resolved through the project's tag rules.
  let loading: ReturnType<typeof projectSettings> | undefined;
  const settingsOnce = () => (loading ??= projectSettings(deps, query.project));
  const found = await findVersion(deps, query.project, query.version, async () => (await settingsOnce()).settings.tagRules);
  if (!found) throw new AppError('NOT_FOUND', text('errors.version.noneNamed', { project: query.project, version: query.version }));
  const { version } = found;
  const [{ settings }, stored] = await Promise.all([settingsOnce(), deps.store.get(version.id)]);
  const record =
    stored ??
    startRelease({
      versionId: version.id,
      projectKey: query.project,
      releaseType: settings.defaultReleaseType,
      phases: settings.template[settings.defaultReleaseType],
      at: deps.clock.now().toISOString(),
    });
  const evaluation = await evaluateRelease(deps, version, record, settings);
  const outcome = gateDecision(record, currentPhaseResults(record, evaluation));
  return {
    project: query.project,
    version: version.name,
    versionId: version.id,
    phase: record.phases.find((p) => p.id === record.currentPhaseId)?.name ?? record.currentPhaseId,
    ...outcome,
    rule: GO_RULE,
    ...(found.tag && { tag: found.tag }),
    evaluatedAt: deps.clock.now().toISOString(),
  };
}
