import { z } from 'zod';
import { validatorDeps } from '../composition';
import { validateTransition, type ValidatorVerdict } from '../usecases/validate-transition';

/**
 * What Jira passes a Forge workflow validator function (developer.atlassian.com, "Jira workflow
 * validator", "Validating with lambda functions"): the issue key, the validator's configuration,
 * and the transition's from/to status ids with the fields changed on its screen. Loose: fields
 * Atlassian adds must not break the rule.
 */
const versionRef = z.looseObject({ id: z.coerce.string(), name: z.string().default('') });
export const validatorPayloadSchema = z.looseObject({
  issue: z.looseObject({ key: z.string().min(1, 'expected the issue key') }),
  configuration: z.unknown().optional(),
  transition: z.looseObject({
    from: z.looseObject({ id: z.coerce.string() }).optional(),
    to: z.looseObject({ id: z.coerce.string().min(1, 'expected the target status id') }),
    modifiedFields: z.looseObject({ fixVersions: z.array(versionRef).nullable().optional() }).nullable().optional(),
  }),
});

/**
 * The `qa-validator` function: parse, then the use case decides. A payload Preflight cannot read
 * refuses the move with the reason (the rule fails closed, as Jira does with a failing validator).
 */
export async function qaValidatorTrigger(payload: unknown): Promise<ValidatorVerdict> {
  const parsed = validatorPayloadSchema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || '(payload)';
    return {
      result: false,
      errorMessage: `Preflight could not read what Jira sent its QA validator (${field}: ${issue?.message ?? 'invalid'}), so the move is refused. A Jira admin can remove the "Preflight: QA approval before Done" validator from the transition.`,
    };
  }
  const { issue, transition } = parsed.data;
  const fixVersions = transition.modifiedFields?.fixVersions;
  return validateTransition(validatorDeps(), {
    issueKey: issue.key,
    toStatusId: transition.to.id,
    ...(fixVersions !== undefined && { fixVersions: fixVersions?.map((v) => ({ id: v.id, name: v.name || v.id })) ?? null }),
  });
}
