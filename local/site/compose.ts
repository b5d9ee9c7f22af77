import { existsSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { loadEntityDefinitions, LocalKvs } from '../kvs';
import { readJson, writeJsonAtomic } from '../persist/json-file';
import { installedRuntime, installForgeRuntime, invokeResolver, realSiteRouter, runWithInvocationLimit, type ProductRouter } from '../runtime';
import { installationOf } from '../runtime/forge-runtime';
import { siteAri } from '../runtime/installations';
import type { MacroExportCall } from './export/page-export';
import { createConfluenceSim, DEMO_RELEASE, parseConfluenceState, seedConfluence, type ConfluenceState } from '../sim/confluence';
import type { SimHandler, SimResponse } from '../sim/http-types';
import { createJiraSim, type JiraState } from '../sim/jira';
import { faultKnobsFromEnv, withFaults, type FaultKnobs } from '../sim/faults';
import { createRateLimiter, rateLimitKnobsFromEnv, type RateLimitKnobs } from '../sim/rate-limits';
import { seedJira } from '../sim/seed/jira-seed';
import { seedReleaseHistory } from '../sim/seed/release-history';
import { handlerLoader, missingHandlers, readManifest } from './manifest';
import { answerWhenDurable, DurableJsonWriter, loadOrSeed } from './persisted-state';
import { createSiteServer, type MacroConfigStore, type ResolverCall } from './server';
import { DEFAULT_APP_ID } from '../runtime/forge-runtime';
import { egressHostsFromManifest, installExternalFetch } from '../runtime/external-fetch';
import { createWebhookSink, type WebhookSink } from './webhook-sink';
import { parseProductList, planInstallations, PRODUCTS, readManifestInstallInfo, type Product } from '../runtime/installations';
import { consumersFromManifest, LocalQueue } from '../runtime/queue';
import { LocalProductEvents, triggersFromManifest } from '../runtime/product-events';
import { validatorModules, validatorRunner } from '../runtime/invoke-validator';
import { workflowRoutes } from './workflow-admin';
import { localIntegrationRoutes, stargateWebTriggers, WEBHOOKS_PAGE, webTriggerModules, webTriggerUrl } from './webtrigger';
import { toolsRoutes } from './tools-page';

export interface LocalSiteOptions {
  /** Where data lives; default env PREFLIGHT_DATA_DIR, else `<appRoot>/.preflight-local`. */
  dataDir?: string;
  /** Re-seed Jira, Confluence and the KVS instead of loading them. */
  reset?: boolean;
  /** Issues in a fresh seed; default env PREFLIGHT_SEED_ISSUES, else the seed's default. */
  seedIssues?: number;
  /** TCP port; 0 picks a free one (tests). Default env PORT, else 4000. */
  port?: number;
  /** The app's root (manifest.yml, src/, static/); default the current directory. */
  appRoot?: string;
  /** Logger for startup notes and CSP violations; default console. */
  log?: (message: string) => void;
  /** Fault knobs for the simulated products; default from the PREFLIGHT_SIM_* variables. */
  faults?: FaultKnobs;
  /** Draws for the fault knobs; pass a seeded one so a test fails the same calls every run. */
  faultRandom?: () => number;
  /**
   * Products on the site; default env PREFLIGHT_LOCAL_PRODUCTS ("jira,confluence" or "jira"), else
   * both. Without Confluence its pages and macros are absent and the app's Confluence calls are refused.
   */
  products?: Product[];
  /** Sizes of the app's rate limits; default from the PREFLIGHT_SIM_QUOTA_POINTS etc. variables. */
  rateLimits?: RateLimitKnobs;
  /**
   * Write PAY's and MOB's past releases into a new (or reset) KVS (default true; see
   * local/sim/README.md "Release history"). `false` starts the app's storage empty.
   */
  history?: boolean;
}

export interface LocalSite {
  /** e.g. http://localhost:4000 */
  url: string;
  port: number;
  dataDir: string;
  /** The simulated products as a handler (tests call it directly). */
  products: SimHandler;
  /** Products on this site (PREFLIGHT_LOCAL_PRODUCTS). */
  connectedProducts: Product[];
  /** What Slack and Teams would have received (the app's webhook calls). */
  webhooks: WebhookSink;
  /** Web trigger URLs by module key. */
  webTriggerUrls: Record<string, string>;
  /** CSP violation reports from module frames since start (an empty list is the goal). */
  cspViolations: unknown[];
  /** Writes pending state to disk now. */
  flush(): void;
  /** Stops the server and flushes state. */
  close(): Promise<void>;
}

const positiveInt = z.coerce.number().int().positive();

function envNumber(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const parsed = positiveInt.safeParse(value);
  if (!parsed.success) throw new Error(`${name}: expected a positive whole number, got "${value}"`);
  return parsed.data;
}

/** Jira state as persisted by this build; anything else is re-seeded. */
function parseJiraState(raw: unknown): JiraState {
  const shape = z.looseObject({ schemaVersion: z.literal(1), projects: z.array(z.unknown()), issues: z.array(z.unknown()) });
  const parsed = shape.safeParse(raw);
  if (!parsed.success) throw new Error('not a Jira state of schemaVersion 1');
  // The shape check above covers what changes between builds; the sim owns the rest of the type.
  return raw as JiraState;
}

/** First handler that owns the path answers. */
function chain(...handlers: SimHandler[]): SimHandler {
  return async (req) => {
    for (const handler of handlers) {
      const response = await handler(req);
      if (response) return response;
    }
    return undefined;
  };
}

function fileMacroConfigStore(file: string): MacroConfigStore {
  const stored = z.record(z.string(), z.record(z.string(), z.unknown()));
  const parsed = stored.safeParse(readJson(file) ?? {});
  const configs: Record<string, Record<string, unknown>> = parsed.success ? parsed.data : {};
  return {
    get: (contentId, localId) => configs[`${contentId}/${localId}`],
    set: (contentId, localId, config) => {
      configs[`${contentId}/${localId}`] = config;
      writeJsonAtomic(file, configs);
    },
  };
}

/**
 * Builds and starts the local site: simulated Jira and Confluence (loaded from the data
 * directory or seeded), the local KVS, the Forge runtime (product calls to the simulators, or to
 * a real site when ATLASSIAN_* are set), and the HTTP server.
 * @throws Error for invalid options or environment (naming the variable), or when the port is taken.
 */
export async function createLocalSite(options: LocalSiteOptions = {}): Promise<LocalSite> {
  const log = options.log ?? ((message: string) => console.log(message));
  const appRoot = resolve(options.appRoot ?? process.cwd());
  const dataDir = resolve(options.dataDir ?? process.env.PREFLIGHT_DATA_DIR ?? join(appRoot, '.preflight-local'));
  const seedIssues = options.seedIssues ?? envNumber('PREFLIGHT_SEED_ISSUES', process.env.PREFLIGHT_SEED_ISSUES);
  const port = options.port ?? envNumber('PORT', process.env.PORT) ?? 4000;
  const reset = options.reset ?? false;
  const manifest = readManifest(appRoot);
  const manifestFile = join(appRoot, 'manifest.yml');
  const connectedProducts = options.products ?? parseProductList('PREFLIGHT_LOCAL_PRODUCTS', process.env.PREFLIGHT_LOCAL_PRODUCTS) ?? [...PRODUCTS];
  // Fails now, before anything listens, when the manifest requires a product the site lacks.
  const installations = planInstallations(readManifestInstallInfo(manifestFile), connectedProducts);
  const confluenceConnected = connectedProducts.includes('confluence');

  const jiraFile = join(dataDir, 'jira.json');
  const confluenceFile = join(dataDir, 'confluence.json');
  const kvsFile = join(dataDir, 'kvs.json');
  const jira = loadOrSeed<JiraState>(jiraFile, reset, parseJiraState, () => seedJira({ issues: seedIssues }), log);
  // The Release room's macros are configured on PAY 2.2: its id as this site's Jira has it.
  const releaseRoomVersionId = jira.state.versions.find((v) => v.name === DEMO_RELEASE.versionName)?.id;
  const confluence = loadOrSeed<ConfluenceState>(confluenceFile, reset, parseConfluenceState, () => seedConfluence(releaseRoomVersionId ? { releaseRoomVersionId } : {}), log);
  // Durable before acknowledged, like the KVS: each change is on disk before its request is answered.
  const jiraWriter = new DurableJsonWriter(jiraFile, () => jira.state);
  const confluenceWriter = new DurableJsonWriter(confluenceFile, () => confluence.state);
  if (jira.seeded) jiraWriter.writeNow();
  if (confluence.seeded) confluenceWriter.writeNow();
  if (reset) rmSync(kvsFile, { force: true });
  const kvsFresh = !existsSync(kvsFile);

  const productEvents = new LocalProductEvents({ triggers: triggersFromManifest(manifestFile), loadHandler: (functionKey) => loadHandler(functionKey), background: true, log });
  // Fault knobs (PREFLIGHT_SIM_*) sit in front of the simulators, so the app and curl both meet them.
  const products = answerWhenDurable(
    withFaults(
      chain(
        // Workflow validators run the app's validator functions (from the bundle) through the runtime.
        createJiraSim({
          state: jira.state,
          onChange: jiraWriter.markChanged,
          validators: validatorRunner({ manifestFile, loadHandler: (functionKey) => loadHandler(functionKey), log }),
          // Jira's product events reach the app's triggers in the background, after the change answered.
          onEvent: (event) => productEvents.emit(event),
        }),
        // A site without Confluence has no /wiki at all: its REST answers 404 like any unknown path.
        ...(confluenceConnected ? [createConfluenceSim({ state: confluence.state, onChange: confluenceWriter.markChanged })] : []),
      ),
      options.faults ?? faultKnobsFromEnv(),
      options.faultRandom,
    ),
    [jiraWriter, confluenceWriter],
  );
  const kvs = new LocalKvs({ file: kvsFile, entities: loadEntityDefinitions(join(appRoot, 'manifest.yml')) });
  const realSite = realSiteRouter(process.env);
  // A fresh (or reset) KVS gets PAY's and MOB's past releases as Preflight would have stored them (kept on disk like the rest).
  if (kvsFresh && !realSite && options.history !== false) {
    const history = await seedReleaseHistory(kvs, jira.state, new Date());
    log(`Seeded the release history: ${history.length} past releases of ${[...new Set(history.map((r) => r.projectKey))].join(', ')} in the app's storage.`);
  }
  // Atlassian's rate limits apply to the app's calls (not to curl or the local pages): per product.
  const rateLimits = createRateLimiter(options.rateLimits ?? rateLimitKnobsFromEnv());
  const productsForApp = { jira: rateLimits.limit('jira', products), confluence: rateLimits.limit('confluence', products) };
  const simulatedRouter: ProductRouter = async (remote, req): Promise<SimResponse> =>
    (await productsForApp[remote](req)) ?? { status: 404, body: { errorMessages: [`No simulated endpoint for ${req.method} ${req.path}`] } };

  const loadHandler = handlerLoader(appRoot, manifest);
  // Handlers come from the Forge bundle (npm run bundle): refuse to start without every one of them.
  const missing = missingHandlers(appRoot, manifest);
  if (missing.length > 0) throw new Error(missing.join('\n'));
  // Forge's async events queue: consumers run in the background as their events fall due.
  const queue = new LocalQueue({ consumers: consumersFromManifest(join(appRoot, 'manifest.yml')), loadHandler, background: true, manifestFile: join(appRoot, 'manifest.yml'), log });
  // Web trigger URLs and the webhook sink (issue 6): egress to declared hosts is recorded, not sent.
  const webhookSink = createWebhookSink();
  const webTriggers = webTriggerModules(appRoot, DEFAULT_APP_ID);
  const integrationRoutes = localIntegrationRoutes({ modules: webTriggers, loadHandler, sink: webhookSink });
  // The local Jira's workflow page: project admins add or remove app validators on transitions (kept in Jira's state).
  const workflow = workflowRoutes({ state: jira.state, products, validators: () => validatorModules(manifestFile), changed: jiraWriter.markChanged, durable: () => jiraWriter.durable() });
  const cspViolations: unknown[] = [];
  const runResolver = (call: ResolverCall) =>
    invokeResolver({
      handler: loadHandler(call.functionName),
      functionKey: call.functionKey,
      payload: call.payload,
      accountId: call.accountId,
      moduleKey: call.module.key,
      moduleType: call.module.type,
      extension: call.extension,
      localId: call.localId,
      ...(call.locale && { locale: call.locale }),
    });
  // Confluence's Word/PDF export calls each macro's adfExport function: `handler(event, context)`
  // with the exporting person as principal, in the Confluence installation, under the 25 s a
  // person waits for (ASSUMED: the limits page names no figure for adfExport). The answer crosses
  // a JSON boundary, as on Forge.
  const runMacroExport = (call: MacroExportCall) => {
    const rt = installedRuntime();
    const invocation = { accountId: call.accountId, moduleKey: call.module.key, product: 'confluence' as const };
    const installation = installationOf(invocation);
    const installContext = siteAri('confluence', rt.cloudId);
    const event = { ...call.event, context: { ...(call.event.context as Record<string, unknown>), cloudId: rt.cloudId, installContext } };
    return runWithInvocationLimit({ ...invocation, kind: 'ui-resolver', functionKey: call.functionName }, async () => {
      const result: unknown = await loadHandler(call.functionName)(event, {
        principal: { accountId: call.accountId },
        installContext,
        installation: { id: installation.id, contexts: installation.products.map((p) => siteAri(p, rt.cloudId)) },
        license: { isActive: true },
      });
      return result === undefined ? undefined : (JSON.parse(JSON.stringify(result)) as unknown);
    });
  };
  // The tools page (/local/tools): sample alerts and deployments over HTTP to the web triggers, scheduled triggers on demand.
  let siteUrl = '';
  const tools = toolsRoutes({ manifest, manifestFile, products, runResolver, loadHandler, webTriggers, siteUrl: () => siteUrl });
  const server = createSiteServer({
    manifest,
    products,
    confluenceConnected,
    macroConfigs: fileMacroConfigStore(join(dataDir, 'macro-configs.json')),
    runResolver,
    ...(confluenceConnected && { runMacroExport }),
    extraRoutes: async (req, res, url, chrome) => (await workflow.handle(req, res, url, chrome)) || (await tools.handle(req, res, url, chrome)) || integrationRoutes.handle(req, res, url, chrome),
    onCspViolation: (report) => {
      cspViolations.push(report);
      log(`CSP violation in a module frame: ${JSON.stringify(report)}`);
    },
  });

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  const url = `http://localhost:${actualPort}`;
  siteUrl = url;
  installForgeRuntime({
    products: realSite ?? simulatedRouter,
    kvs,
    connectedProducts,
    manifestFile,
    // Without app.compatibility each product is an installation with its own storage, kept on disk too.
    kvsFor: (installationId) => new LocalKvs({ file: join(dataDir, `kvs-${installationId}.json`), entities: loadEntityDefinitions(manifestFile) }),
    siteUrl: url,
    stargate: queue.stargate(stargateWebTriggers(webTriggers, () => url)),
  });
  log(`Products on this site: ${connectedProducts.join(', ')}${confluenceConnected ? '' : ' (Confluence not connected: PREFLIGHT_LOCAL_PRODUCTS)'}; installations: ${installations.map((i) => i.products.join('+')).join(', ')}.`);
  installExternalFetch({ allowedHosts: egressHostsFromManifest(join(appRoot, 'manifest.yml')), route: webhookSink.handle });
  for (const trigger of webTriggers) log(`Web trigger ${trigger.key}: ${webTriggerUrl(url, trigger)} (webhooks sent by the app: ${url}${WEBHOOKS_PAGE})`);
  if (realSite) log(`Product calls from the app go to ${process.env.ATLASSIAN_SITE_URL} (ATLASSIAN_* are set).`);

  const flush = (): void => {
    jiraWriter.flush();
    confluenceWriter.flush();
  };
  return {
    url,
    port: actualPort,
    dataDir,
    products,
    connectedProducts,
    webhooks: webhookSink,
    webTriggerUrls: Object.fromEntries(webTriggers.map((t) => [t.key, webTriggerUrl(url, t)])),
    cspViolations,
    flush,
    close: () =>
      new Promise<void>((resolveClose) => {
        flush();
        server.close(() => resolveClose());
        server.closeAllConnections();
      })
        .then(() => queue.close())
        .then(() => productEvents.close()),
  };
}
