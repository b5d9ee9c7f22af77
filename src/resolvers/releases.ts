import { z } from 'zod';
import { listDeps } from '../composition';
import { listReleasesPayload } from '../shared/releases';
import { listReleases } from '../usecases/list-releases';
import { defineResolver } from './define-resolver';

/** Project pages and project settings pages carry the project they are opened on. */
export const projectPageContext = z.looseObject({
  siteUrl: z.string().optional(),
  extension: z.looseObject({
    project: z.looseObject({ id: z.coerce.string(), key: z.string().regex(/^[A-Z][A-Z0-9_]{0,254}$/), type: z.string().max(40).optional() }),
  }),
});

/** `releases/list`: read-only, so no role check beyond Jira's own (the call goes as the user). */
export const listReleasesResolver = defineResolver({
  payload: listReleasesPayload,
  context: projectPageContext,
  run: (input, context, _accountId, caller) => {
    const { id, key } = context.extension.project;
    return listReleases(listDeps(), { id, key }, input, caller);
  },
});
