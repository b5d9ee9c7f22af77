import Resolver from '@forge/resolver';
import { listReleasesResolver } from './resolvers/releases';
import { RELEASE_KEYS } from './shared/releases';

/**
 * The only file manifest.yml names. Each export is a Forge function handler.
 */
const resolver = new Resolver();
resolver.define(RELEASE_KEYS.list, (req) => listReleasesResolver(req as Parameters<typeof listReleasesResolver>[0]));

export const handler = resolver.getDefinitions();
