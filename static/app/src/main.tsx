import '@atlaskit/css-reset';
import './app.css';
import { view } from '@forge/bridge';
import { StrictMode, Suspense, lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { createRoot } from 'react-dom/client';
import { config as zodConfig } from 'zod';
import { CenteredSpinner } from './components/centered-spinner';
import { UnknownModule } from './components/unknown-module';
import { loadTranslator } from './i18n/load-translator';
import type { MessageId } from './i18n/message-ids';
import { TranslatorProvider } from './i18n/use-t';

/**
 * One Custom UI app serves every module in the manifest. Each module's code is a separate lazy
 * chunk, so a macro on a Confluence page downloads only the macro, not the release panel.
 * Keys are the manifest module keys.
 */
const MODULES: Record<string, LazyExoticComponent<ComponentType>> = {
  'preflight-releases': lazy(() => import('./modules/releases-page')),
  'preflight-settings': lazy(() => import('./modules/settings-page')),
  'preflight-qa': lazy(() => import('./modules/qa-issue')),
  'preflight-checklist-macro': lazy(() => import('./modules/macro-checklist')),
  'preflight-release-notes-macro': lazy(() => import('./modules/macro-release-notes')),
  'preflight-retrospective-macro': lazy(() => import('./modules/macro-retrospective')),
  'preflight-portfolio': lazy(() => import('./modules/portfolio-page')),
  'preflight-calendar-macro': lazy(() => import('./modules/macro-calendar')),
  'preflight-health-macro': lazy(() => import('./modules/macro-health')),
  'preflight-train-notes-macro': lazy(() => import('./modules/macro-train-notes')),
};

/**
 * A module's full-page dialogs (@forge/bridge `Modal`): Forge frames the same resource again with
 * the dialog's context as `extension.modal`; the module's dialog content renders instead of it.
 */
const MODALS: Record<string, LazyExoticComponent<ComponentType>> = {
  'preflight-releases': lazy(() => import('./release-panel/override-dialog')),
};

// Forge's CSP forbids eval; zod's JIT probes it with `Function('')`, which a CSP reports as a
// violation even though zod catches the error. Jitless parsing is fast enough for UI payloads.
zodConfig({ jitless: true });

async function start(): Promise<void> {
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root element');
  // Theming first: the host applies the user's light/dark tokens before the first paint.
  await view.theme.enable();
  const { moduleKey, locale, timezone, extension } = await view.getContext();
  // The person's language (Forge's context locale) before the first paint: no English flash.
  const translator = await loadTranslator(moduleKey, locale, timezone);
  document.documentElement.lang = translator.tag;
  const Module = ((extension as { modal?: unknown } | undefined)?.modal ? MODALS[moduleKey] : undefined) ?? MODULES[moduleKey];
  if (Module) document.title = translator.t(`common.module.${moduleKey}` as MessageId);
  createRoot(container).render(
    <StrictMode>
      <TranslatorProvider translator={translator}>
        <Suspense fallback={<CenteredSpinner />}>
          {Module ? <Module /> : <UnknownModule moduleKey={moduleKey} />}
        </Suspense>
      </TranslatorProvider>
    </StrictMode>,
  );
}

void start();
