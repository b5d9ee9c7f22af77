import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { ValidatorOutcome, ValidatorPayload, WorkflowValidatorRunner } from '../sim/jira/workflow-rules';
import { installedRuntime } from './forge-runtime';
import { runWithInvocationLimit } from './invocation-limits';

/**
 * Forge workflow validators (`jira:workflowValidator` with a `function`), run as Jira runs them on
 * a transition: the function gets the documented payload (issue key, configuration, transition
 * from/to status ids and modified fields) and answers `{ result, errorMessage? }`. It runs as the
 * app, with no user, under the invocation limit of its kind. Sources and assumptions:
 * local/runtime/README.md ("Workflow validators").
 */

const validatorModuleSchema = z.looseObject({
  key: z.string(),
  name: z.union([z.string(), z.looseObject({})]).optional(),
  description: z.union([z.string(), z.looseObject({})]).optional(),
  function: z.string().optional(),
  expression: z.string().optional(),
});

/** A validator module of the app, as an admin sees it when adding it to a transition. */
export interface ValidatorModule {
  key: string;
  name: string;
  description: string;
  /** The function that decides (the only kind the emulator runs; see README). */
  functionKey?: string;
}

/** The manifest's `jira:workflowValidator` modules. */
export function validatorModules(manifestFile: string): ValidatorModule[] {
  if (!existsSync(manifestFile)) return [];
  const manifest = parseYaml(readFileSync(manifestFile, 'utf8')) as { modules?: Record<string, unknown> } | null;
  const list = manifest?.modules?.['jira:workflowValidator'];
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry) => {
    const parsed = validatorModuleSchema.safeParse(entry);
    if (!parsed.success) return [];
    const m = parsed.data;
    return [{ key: m.key, name: typeof m.name === 'string' ? m.name : m.key, description: typeof m.description === 'string' ? m.description : '', ...(m.function && { functionKey: m.function }) }];
  });
}

const outcomeSchema = z.looseObject({ result: z.boolean(), errorMessage: z.string().optional() });

type Handler = (...args: unknown[]) => unknown;

/**
 * The runner the simulated Jira calls for each validator on a transition. A validator the
 * runner cannot run (no such module, an expression validator, a function that throws, times out
 * or answers something other than `{ result: boolean }`) fails: Jira documents that a validator
 * "evaluates to false in all other cases", including errors and an uninstalled app.
 */
export function validatorRunner(args: { manifestFile: string; loadHandler: (functionKey: string) => Handler; log?: (message: string) => void }): WorkflowValidatorRunner {
  return async ({ moduleKey, payload }): Promise<ValidatorOutcome> => {
    const module = validatorModules(args.manifestFile).find((m) => m.key === moduleKey);
    if (!module) return { result: false, errorMessage: `The app that provides the validator ${moduleKey} is not installed.` };
    if (!module.functionKey) return { result: false, errorMessage: `The validator "${module.name}" uses a Jira expression, which this local Jira does not evaluate.` };
    try {
      const answer = await invokeValidator({ handler: args.loadHandler(module.functionKey), functionKey: module.functionKey, moduleKey, payload });
      const parsed = outcomeSchema.safeParse(answer);
      if (!parsed.success) return { result: false, errorMessage: `The validator "${module.name}" gave no answer Jira could read.` };
      return parsed.data.result ? { result: true } : { result: false, ...(parsed.data.errorMessage !== undefined && { errorMessage: parsed.data.errorMessage }) };
    } catch (error) {
      args.log?.(`Workflow validator ${moduleKey} failed: ${error instanceof Error ? error.message : String(error)}`);
      return { result: false, errorMessage: `The validator "${module.name}" could not be run, so the transition is refused. Try again.` };
    }
  };
}

/**
 * Calls a validator function as Forge does: `handler(payload, context)` in an invocation with no
 * user, stopped at the workflow-validator limit. The answer crosses a JSON boundary.
 * @throws InvocationTimeoutError past the limit; whatever the handler throws.
 */
export async function invokeValidator(args: { handler: Handler; functionKey: string; moduleKey: string; payload: ValidatorPayload }): Promise<unknown> {
  const rt = installedRuntime();
  const context = { installContext: `ari:cloud:jira::site/${rt.cloudId}`, moduleKey: args.moduleKey };
  const payload = JSON.parse(JSON.stringify(args.payload)) as unknown;
  return runWithInvocationLimit({ kind: 'workflow-validator', functionKey: args.functionKey, accountId: null, moduleKey: args.moduleKey }, async () => {
    const result: unknown = await args.handler(payload, context);
    return result === undefined ? undefined : (JSON.parse(JSON.stringify(result)) as unknown);
  });
}
