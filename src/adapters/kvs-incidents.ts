import { kvs, Sort, WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import { incidentSchema, type Incident } from '../domain/incidents';
import { StoredDocumentError } from '../errors';
import { text } from '../i18n/server-translator';
import type { IncidentStore, MonitoringSecrets } from '../ports';

interface IncidentItem {
  projectKey: string;
  versionId: string;
  startedAt: string;
  incident: unknown;
}

/**
 * Incidents in the `incident` custom entity (manifest app.storage.entities): one item each, keyed
 * by project, tool and alert, indexed by version (a release's incidents are one query for the
 * gates) and by project (the change failure rate).
 */
export function kvsIncidentStore(): IncidentStore {
  const items = () => kvs.entity<IncidentItem>('incident');
  const parse = (key: string, value: unknown): Incident => {
    const parsed = incidentSchema.safeParse(value);
    if (!parsed.success) throw new StoredDocumentError(text('errors.stored.incident', { key }), { cause: parsed.error });
    return parsed.data;
  };
  return {
    async get(key) {
      const item = await items().get(key);
      return item ? parse(key, item.incident) : undefined;
    },
    async save(incident) {
      await items().set(incident.key, { projectKey: incident.projectKey, versionId: incident.versionId, startedAt: incident.startedAt, incident });
    },
    async ofVersion(versionId) {
      const found: Incident[] = [];
      let cursor: string | undefined;
      do {
        let query = items().query().index('by-version', { partition: [versionId] }).sort(Sort.ASC).limit(100);
        if (cursor) query = query.cursor(cursor);
        const page = await query.getMany();
        found.push(...page.results.map((r) => parse(r.key, r.value.incident)));
        cursor = page.nextCursor;
      } while (cursor);
      return found;
    },
    async ofProject(projectKey, since, limit) {
      const found: Incident[] = [];
      let cursor: string | undefined;
      do {
        let query = items()
          .query()
          .index('by-project', { partition: [projectKey] })
          .where(WhereConditions.greaterThan(since))
          .sort(Sort.ASC)
          .limit(Math.min(100, limit - found.length));
        if (cursor) query = query.cursor(cursor);
        const page = await query.getMany();
        found.push(...page.results.map((r) => parse(r.key, r.value.incident)));
        cursor = page.nextCursor;
      } while (cursor && found.length < limit);
      return found;
    },
  };
}

const digestSchema = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), createdAt: z.string().optional() });
const sentrySchema = z.object({ clientSecret: z.string().min(1), setAt: z.string().optional() });

/** The monitoring web trigger's credentials in the KVS secret store (encrypted at rest, never listable). */
export function kvsMonitoringSecrets(): MonitoringSecrets {
  const digestKey = (p: string) => `monitoring-secret:${p}`;
  const sentryKey = (p: string) => `sentry-client-secret:${p}`;
  const digest = async (p: string) => {
    const parsed = digestSchema.safeParse(await kvs.getSecret<unknown>(digestKey(p)));
    return parsed.success ? parsed.data : undefined;
  };
  const sentry = async (p: string) => {
    const parsed = sentrySchema.safeParse(await kvs.getSecret<unknown>(sentryKey(p)));
    return parsed.success ? parsed.data : undefined;
  };
  return {
    secretDigest: async (p) => (await digest(p))?.sha256,
    saveSecretDigest: async (p, sha256, createdAt) => kvs.setSecret(digestKey(p), { sha256, createdAt }),
    sentryClientSecret: async (p) => (await sentry(p))?.clientSecret,
    async saveSentryClientSecret(p, secret, at) {
      if (secret === null) await kvs.deleteSecret(sentryKey(p));
      else await kvs.setSecret(sentryKey(p), { clientSecret: secret, setAt: at });
    },
    async status(p) {
      const [d, s] = await Promise.all([digest(p), sentry(p)]);
      return { ...(d?.createdAt && { secretCreatedAt: d.createdAt }), ...(s?.setAt && { sentrySetAt: s.setAt }) };
    },
  };
}
