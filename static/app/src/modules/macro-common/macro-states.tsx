import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { useT } from '../../i18n/use-t';
import type { MacroContextOf } from './use-macro';

/** "Loading…" while a macro reads its context or loads its config view. */
export function MacroLoading() {
  const { t } = useT();
  return <div className="macro muted">{t('macros.loading')}</div>;
}

/** A config form, loaded on demand: a page's readers never download it. */
export function lazyConfig<P extends object>(load: () => Promise<{ default: ComponentType<P> }>) {
  // lazy()'s props type loses the plain generic P; the loaded component takes exactly P.
  const Form = lazy(load) as unknown as ComponentType<P>;
  return function LazyConfigForm(props: P) {
    return (
      <Suspense fallback={<MacroLoading />}>
        <Form {...props} />
      </Suspense>
    );
  };
}

/**
 * The states every Preflight macro goes through: loading its context, the config view, a prompt
 * until someone configures it, then its content for the saved configuration.
 */
export function MacroStates<C, I>({
  context,
  prompt,
  configure,
  render,
}: {
  context: MacroContextOf<C, I> | undefined;
  /** What to do before the macro shows anything, a whole sentence in the person's language. */
  prompt: string;
  configure: (initial: Partial<I>) => ReactNode;
  render: (config: C) => ReactNode;
}) {
  if (!context) return <MacroLoading />;
  if (context.configuring) return <>{configure(context.savedInput ?? {})}</>;
  if (!context.config) {
    return (
      <div className="macro">
        <p className="muted">{prompt}</p>
      </div>
    );
  }
  return <div className="macro">{render(context.config)}</div>;
}
