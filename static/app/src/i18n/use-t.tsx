import { createContext, useContext, type ReactNode } from 'react';
import type { UiTranslator } from './load-translator';

const TranslatorContext = createContext<UiTranslator | null>(null);

/** main.tsx loads the person's catalogue before the first render and provides it here. */
export function TranslatorProvider({ translator, children }: { translator: UiTranslator; children: ReactNode }) {
  return <TranslatorContext.Provider value={translator}>{children}</TranslatorContext.Provider>;
}

/**
 * The person's language: `const { t, day, number, list } = useT()`, then
 * `t('panel.advance.button', { phase })`; `day`, `dateTime`, `number` and `list` format through Intl. Every string a person
 * reads comes from here (eslint refuses JSX text, test/e2e/pseudo-locale checks the rest).
 */
export function useT(): UiTranslator {
  const translator = useContext(TranslatorContext);
  if (!translator) throw new Error('useT() outside TranslatorProvider (main.tsx provides it)');
  return translator;
}
