import { Filter, FilterConditions, kvs } from '@forge/kvs';
import type { SettingsStore } from '../ports';
import { projectSettingsSchema } from '../shared/settings';
import { ConflictError, StoredDocumentError } from '../errors';
import { text } from '../i18n/server-translator';
import { isConditionFailure } from './store-errors';

interface SettingsItem {
  projectKey: string;
  revision: number;
  settings: unknown;
}

/** Project settings in a custom entity, saved with a compare-and-swap on their revision. */
export function kvsSettingsStore(): SettingsStore {
  const entity = () => kvs.entity<SettingsItem>('project-settings');
  return {
    async get(projectKey) {
      const item = await entity().get(projectKey);
      if (!item) return undefined;
      const parsed = projectSettingsSchema.safeParse(item.settings);
      if (!parsed.success) throw new StoredDocumentError(text('errors.stored.settings', { project: projectKey }), { cause: parsed.error });
      return { settings: parsed.data, revision: item.revision };
    },
    async save(projectKey, settings, expectedRevision) {
      const revision = expectedRevision + 1;
      const condition =
        expectedRevision === 0
          ? new Filter<SettingsItem>().and('revision', FilterConditions.notExists())
          : new Filter<SettingsItem>().and('revision', FilterConditions.equalTo(expectedRevision));
      try {
        await kvs
          .transact()
          .set<SettingsItem>(projectKey, { projectKey, revision, settings }, { entityName: 'project-settings', conditions: condition })
          .execute();
      } catch (error) {
        if (isConditionFailure(error)) throw new ConflictError(text('errors.conflict.settings'));
        throw error;
      }
      return revision;
    },
  };
}
