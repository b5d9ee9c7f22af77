import api, { route } from '@forge/api';
import { z } from 'zod';
import type { PagePublisher, PageRef } from '../ports';
import { ProductError, scopeMismatchError } from './product-error';
import { requestWithRetry, type ProductResponse } from './request-with-retry';

/**
 * Confluence pages over REST v2, as the acting person (`api.asUser()`), so Confluence's own space
 * permissions decide who may publish where. Bodies go as ADF (`atlas_doc_format`), and reads ask
 * for the ADF body too, so re-publishing can keep what people wrote on the page.
 */

const JSON_HEADERS = { Accept: 'application/json', 'Content-Type': 'application/json' } as const;

const pageSchema = z.looseObject({
  id: z.string(),
  title: z.string(),
  spaceId: z.string(),
  status: z.string().optional(),
  version: z.looseObject({ number: z.number().int() }).optional(),
  body: z.looseObject({ atlas_doc_format: z.looseObject({ value: z.string().optional() }).optional() }).optional(),
  _links: z.looseObject({ webui: z.string().optional(), base: z.string().optional() }).optional(),
});
const pageListSchema = z.looseObject({ results: z.array(pageSchema).default([]), _links: z.looseObject({ base: z.string().optional() }).optional() });
const spaceListSchema = z.looseObject({ results: z.array(z.looseObject({ id: z.string(), key: z.string(), name: z.string() })).default([]) });

async function send(describe: string, call: () => Promise<ProductResponse>): Promise<{ status: number; text: string }> {
  const response = await requestWithRetry('confluence', describe, call);
  return { status: response.status, text: await response.text() };
}

function confluenceError(describe: string, status: number, text: string): ProductError {
  const refused = scopeMismatchError('confluence', describe, status, text);
  if (refused) return refused;
  let detail: string;
  try {
    const body = JSON.parse(text) as { errors?: Array<{ title?: unknown }> };
    detail = (body.errors ?? []).map((e) => String(e.title ?? '')).filter(Boolean).join('; ').slice(0, 300);
  } catch {
    detail = '';
  }
  const what = status === 404 ? 'it was not found, or you may not write there' : status === 401 || status === 403 ? 'you do not have permission in Confluence' : `Confluence answered ${status}`;
  return new ProductError(`Could not ${describe}: ${what}${detail ? ` (${detail})` : ''}.`, status, 'confluence', { cause: text });
}

async function confluenceJson<S extends z.ZodType>(describe: string, schema: S, call: () => Promise<ProductResponse>): Promise<z.infer<S>> {
  const { status, text } = await send(describe, call);
  if (status < 200 || status >= 300) throw confluenceError(describe, status, text);
  const parsed = schema.safeParse(text === '' ? {} : JSON.parse(text));
  if (!parsed.success) throw new ProductError(`Confluence's answer had an unexpected shape while Preflight was trying to ${describe}.`, status, 'confluence', { cause: parsed.error });
  return parsed.data;
}

function toRef(page: z.infer<typeof pageSchema>, base: string | undefined, siteUrl: string | undefined): PageRef {
  const webui = page._links?.webui ?? `/pages/${page.id}`;
  // The site the person is on (Forge's context.siteUrl) is the address they can open; Confluence's
  // own base is the fallback.
  const root = (siteUrl ? `${siteUrl.replace(/\/$/, '')}/wiki` : (page._links?.base ?? base ?? '')).replace(/\/$/, '');
  return { id: page.id, title: page.title, spaceId: page.spaceId, version: page.version?.number ?? 1, url: `${root}${webui}`, ...bodyOf(page) };
}

/** The page's ADF body when Confluence sent one; a body that is not JSON is left out (nothing to merge into). */
function bodyOf(page: z.infer<typeof pageSchema>): { adf?: unknown } {
  const value = page.body?.atlas_doc_format?.value;
  if (value === undefined) return {};
  try {
    return { adf: JSON.parse(value) as unknown };
  } catch {
    return {};
  }
}

/** ADF goes to Confluence as a JSON string inside the body. */
const adfBody = (adf: unknown) => ({ representation: 'atlas_doc_format', value: JSON.stringify(adf) });

/** `siteUrl`: the site's address from the Forge context, for page links people can open. */
export function confluencePages(siteUrl?: string): PagePublisher {
  return {
    async spaces() {
      const answer = await confluenceJson('list Confluence spaces', spaceListSchema, () =>
        api.asUser().requestConfluence(route`/wiki/api/v2/spaces?limit=250&sort=name`, { method: 'GET', headers: JSON_HEADERS }),
      );
      return answer.results.map((s) => ({ id: s.id, key: s.key, name: s.name }));
    },

    async get(pageId) {
      const { status, text } = await send(`read page ${pageId}`, () =>
        api.asUser().requestConfluence(route`/wiki/api/v2/pages/${pageId}?body-format=atlas_doc_format`, { method: 'GET', headers: JSON_HEADERS }),
      );
      if (status === 404) return undefined;
      if (status < 200 || status >= 300) throw confluenceError(`read page ${pageId}`, status, text);
      const page = pageSchema.parse(JSON.parse(text));
      return page.status === undefined || page.status === 'current' ? toRef(page, undefined, siteUrl) : undefined;
    },

    async findByTitle(spaceId, title) {
      const answer = await confluenceJson(`look for the page "${title}"`, pageListSchema, () =>
        api.asUser().requestConfluence(route`/wiki/api/v2/pages?space-id=${spaceId}&title=${title}&status=current&body-format=atlas_doc_format&limit=1`, { method: 'GET', headers: JSON_HEADERS }),
      );
      const found = answer.results[0];
      return found ? toRef(found, answer._links?.base, siteUrl) : undefined;
    },

    async create({ spaceId, title, adf }) {
      const page = await confluenceJson(`create the page "${title}"`, pageSchema, () =>
        api.asUser().requestConfluence(route`/wiki/api/v2/pages`, {
          method: 'POST',
          headers: JSON_HEADERS,
          body: JSON.stringify({ spaceId, status: 'current', title, body: adfBody(adf) }),
        }),
      );
      return toRef(page, undefined, siteUrl);
    },

    async update({ id, spaceId, title, adf, version }) {
      const page = await confluenceJson(`update the page "${title}"`, pageSchema, () =>
        api.asUser().requestConfluence(route`/wiki/api/v2/pages/${id}`, {
          method: 'PUT',
          headers: JSON_HEADERS,
          body: JSON.stringify({ id, spaceId, status: 'current', title, body: adfBody(adf), version: { number: version, message: 'Published by Preflight' } }),
        }),
      );
      return toRef(page, undefined, siteUrl);
    },
  };
}
