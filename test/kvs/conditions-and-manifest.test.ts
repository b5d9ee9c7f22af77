/** Condition semantics and manifest entity loading of the local KVS (pure functions). */
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { matchesCondition, matchesGroup } from '../../local/kvs/conditions';
import { entityDefinitionsFromManifest, loadEntityDefinitions } from '../../local/kvs';

describe('conditions', () => {
  it.each([
    [5, 'BETWEEN', [1, 5], true],
    [6, 'BETWEEN', [1, 5], false],
    ['b', 'BETWEEN', ['a', 'c'], true],
    ['release-1', 'BEGINS_WITH', ['release-'], true],
    [['qa', 'docs'], 'CONTAINS', ['qa'], true],
    ['qa-ready', 'CONTAINS', ['ready'], true],
    [['qa'], 'NOT_CONTAINS', ['docs'], true],
    ['10', 'GREATER_THAN', [9], false], // a string never orders against a number
    [10, 'GREATER_THAN_EQUAL_TO', [10], true],
    [true, 'EQUAL_TO', [true], true],
    [undefined, 'EXISTS', [true], false],
    [undefined, 'NOT_EXISTS', [true], true],
    [undefined, 'NOT_EQUAL_TO', ['x'], true],
    [undefined, 'EQUAL_TO', ['x'], false],
  ] as const)('%j %s %j -> %s', (value, condition, values, expected) => {
    expect(matchesCondition(value, { condition, values: [...values] })).toBe(expected);
  });

  it('joins filters with and / or', () => {
    const value = { phase: 'qa', revision: 3 };
    const qa = { property: 'phase', condition: 'EQUAL_TO' as const, values: ['qa'] };
    const old = { property: 'revision', condition: 'LESS_THAN' as const, values: [2] };
    expect(matchesGroup(value, { and: [qa, old] })).toBe(false);
    expect(matchesGroup(value, { or: [qa, old] })).toBe(true);
    expect(matchesGroup(undefined, { and: [qa] })).toBe(false);
  });
});

describe('entity definitions from manifest.yml', () => {
  it('normalises string and object indexes', () => {
    const defs = entityDefinitionsFromManifest(
      parseYaml(`
app:
  storage:
    entities:
      - name: audit-event
        attributes:
          versionId: { type: string }
          at: { type: integer }
        indexes:
          - at
          - name: by-version
            partition: [versionId]
            range: [at]
`),
    );
    expect(defs).toEqual([
      {
        name: 'audit-event',
        attributes: { versionId: 'string', at: 'integer' },
        indexes: [
          { name: 'at', range: ['at'], partition: [] },
          { name: 'by-version', range: ['at'], partition: ['versionId'] },
        ],
      },
    ]);
  });

  it('says which field of a malformed declaration is wrong', () => {
    expect(() =>
      entityDefinitionsFromManifest({ app: { storage: { entities: [{ name: 'x-y-z', attributes: { a: { type: 'date' } } }] } } }),
    ).toThrow(/app\.storage\.entities\.0\.attributes\.a\.type/);
  });

  it('reads the project manifest (an app with no entities yet has none)', () => {
    expect(Array.isArray(loadEntityDefinitions(resolve(__dirname, '../../manifest.yml')))).toBe(true);
  });
});
