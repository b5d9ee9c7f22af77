import { setBooleanFeatureFlagResolver } from '@atlaskit/platform-feature-flags';

/**
 * Atlassian's design-system components ask `fg(flag)` (@atlaskit/platform-feature-flags) for
 * rollout flags. Inside Jira and Confluence the product registers a resolver for them; without
 * one the library falls back to the Statsig client (@atlaskit/feature-gate-js-client), which is
 * never initialised in a Forge Custom UI frame and warns "Client must be initialized before
 * using this method" on the first check. An app frame has no Statsig: like a product, it
 * registers its resolver, answering every flag with `false` (each component's released
 * behaviour, the same answer the uninitialised client gives, minus the warning).
 *
 * Loaded by index.html before main.tsx, so no component renders before it is set.
 */
setBooleanFeatureFlagResolver(() => false);
