import { countRounds } from '../../local/call-rounds';

/** Rounds are what a person waits for: calls in parallel cost one round, a call that needed another's answer one more. */
describe('rounds of product calls', () => {
  it.each([
    ['no calls', [], 0],
    ['three calls at once', [[0, 150], [1, 151], [2, 152]], 1],
    ['a chain of three', [[0, 150], [151, 300], [301, 450]], 3],
    ['a chain beside a long parallel call', [[0, 150], [151, 300], [0, 400]], 2],
    ['a call that starts after only some of the first round answered', [[0, 100], [0, 200], [101, 250], [251, 300]], 3],
  ] as Array<[string, Array<[number, number]>, number]>)('%s: %i rounds', (_name, spans, rounds) => {
    expect(countRounds(spans.map(([startedAt, endedAt]) => ({ startedAt, endedAt })))).toBe(rounds);
  });
});
