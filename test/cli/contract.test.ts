import { DEPLOYMENT_STATUSES, SECRET_HEADER, checkDeploymentAnswer, checkGateAnswer } from '../../cli/contract';
import { DEPLOYMENT_STATUSES as APP_DEPLOYMENT_STATUSES } from '../../src/domain/deployments';
import { GATE_SECRET_HEADER, deploymentAnswerSchema, gateAnswerSchema } from '../../src/shared/ci-gate';

/** The CLI keeps a dependency-free copy of the trigger's contract: these hold the two together. */

test('the CLI sends the secret in the header the trigger reads', () => {
  expect(SECRET_HEADER).toBe(GATE_SECRET_HEADER);
});

const go = { project: 'SHOP', version: '1.4.0', versionId: '10001', phase: 'Deployment', decision: 'go', failingGates: [], reason: 'r', rule: 'g', evaluatedAt: '2026-01-01T00:00:00Z' };

test.each([
  ['a go answer', go],
  ['a no-go answer with gates', { ...go, decision: 'no-go', failingGates: ['Go/no-go'] }],
  ['an answer with a field added later', { ...go, train: 'R7' }],
  ['an answer without the optional fields', { project: 'SHOP', version: '1.4.0', phase: 'Planning', decision: 'no-go', failingGates: [], evaluatedAt: 'x' }],
  ['an unknown decision', { ...go, decision: 'maybe' }],
  ['gates that are not names', { ...go, failingGates: [1] }],
  ['a missing phase', { ...go, phase: undefined }],
  ['a list', [go]],
  ['text', 'Bad gateway'],
])('the CLI and the app agree on %s', (_name, body) => {
  expect(checkGateAnswer(body).ok).toBe(gateAnswerSchema.safeParse(body).success);
});

test('the CLI offers the deployment states the trigger accepts', () => {
  expect([...DEPLOYMENT_STATUSES]).toEqual([...APP_DEPLOYMENT_STATUSES]);
});

const recorded = { recorded: true, project: 'PAY', environment: 'UAT', kind: 'testing', build: '2.2.0', status: 'successful', release: { version: 'PAY 2.2', versionId: '10020' }, message: 'Recorded.' };

test.each([
  ['a recorded deployment', recorded],
  ['one that matched no release', { ...recorded, release: null }],
  ['one with a field added later', { ...recorded, at: '2026-01-01T00:00:00Z' }],
  ['recorded: false', { ...recorded, recorded: false }],
  ['a missing kind', { ...recorded, kind: undefined }],
  ['a missing message', { ...recorded, message: undefined }],
  ['a release without its name', { ...recorded, release: { versionId: '10020' } }],
  ['an error body', { error: 'Malformed deployment report: deployment.status: expected one of …' }],
])('the CLI and the app agree on a deployment answer: %s', (_name, body) => {
  expect(checkDeploymentAnswer(body).ok).toBe(deploymentAnswerSchema.safeParse(body).success);
});
