/**
 * Workflow validator functions as the local Jira runs them: the documented payload, no user, the
 * workflow-validator time limit, and every way a validator can fail counting as a refusal (Jira:
 * a validator "evaluates to false in all other cases"). Handlers here are plain functions; the
 * app's real validator runs through the emulated site in test/triggers/qa-validator.test.ts.
 */
import { join } from 'node:path';
import { asUser, route } from '@forge/api';
import { LocalKvs } from '../../local/kvs';
import { currentInvocation, installForgeRuntime } from '../../local/runtime';
import { validatorModules, validatorRunner } from '../../local/runtime/invoke-validator';
import type { ValidatorPayload } from '../../local/sim/jira';

const MANIFEST = join(__dirname, '../../manifest.yml');
const payload: ValidatorPayload = { issue: { key: 'PAY-1' }, configuration: {}, transition: { from: { id: '3' }, to: { id: '10002' }, modifiedFields: {} } };
const call = { moduleKey: 'preflight-qa-validator', payload };

beforeEach(() => {
  installForgeRuntime({ products: async () => ({ status: 200, body: {} }), kvs: new LocalKvs({ file: null }), invocationLimitsMs: { 'workflow-validator': 200 } });
});

it("reads the manifest's validator modules with the name an admin sees", () => {
  expect(validatorModules(MANIFEST)).toEqual([expect.objectContaining({ key: 'preflight-qa-validator', name: 'Preflight: QA approval before Done', functionKey: 'qa-validator' })]);
});

it('calls the function with the documented payload, as the app with no user, and passes its answer on', async () => {
  const seen: unknown[] = [];
  const runner = validatorRunner({
    manifestFile: MANIFEST,
    loadHandler: () => async (received: unknown, context: unknown) => {
      seen.push(received, context, currentInvocation()?.accountId);
      // No user: asUser() fails here as on Forge.
      await expect(asUser().requestJira(route`/rest/api/3/myself`)).rejects.toThrow();
      return { result: false, errorMessage: 'Not yet' };
    },
  });
  expect(await runner(call)).toEqual({ result: false, errorMessage: 'Not yet' });
  expect(seen).toEqual([payload, expect.objectContaining({ moduleKey: 'preflight-qa-validator' }), null]);
});

it('refuses when the function throws, times out or answers something else', async () => {
  const failing = (handler: () => unknown) => validatorRunner({ manifestFile: MANIFEST, loadHandler: () => handler })(call);
  const couldNotRun = { result: false, errorMessage: 'The validator "Preflight: QA approval before Done" could not be run, so the transition is refused. Try again.' };
  expect(await failing(() => Promise.reject(new Error('boom')))).toEqual(couldNotRun);
  expect(await failing(() => new Promise(() => undefined))).toEqual(couldNotRun);
  expect(await failing(() => ({ ok: true }))).toEqual({ result: false, errorMessage: 'The validator "Preflight: QA approval before Done" gave no answer Jira could read.' });
  expect(await validatorRunner({ manifestFile: MANIFEST, loadHandler: () => () => ({ result: true }) })({ moduleKey: 'gone', payload })).toEqual({
    result: false,
    errorMessage: 'The app that provides the validator gone is not installed.',
  });
});

