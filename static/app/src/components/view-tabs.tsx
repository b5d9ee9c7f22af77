import { token } from '@atlaskit/tokens';
import type { KeyboardEvent } from 'react';

export interface ViewTab {
  id: string;
  label: string;
}

/**
 * The views of a page (Releases | Calendar | Health), as links in a labelled nav: each view has a
 * URL of its own (Forge router history), so Back and a shared link land on the same view.
 * Arrow keys move between them, as in Jira's own tab bars.
 */
export function ViewTabs({ label, tabs, current, onSelect }: { label: string; tabs: ViewTab[]; current: string; onSelect: (id: string) => void }) {
  const onKeyDown = (event: KeyboardEvent<HTMLAnchorElement>, index: number) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    event.preventDefault();
    const next = tabs[(index + (event.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
    if (next) onSelect(next.id);
  };
  return (
    <nav aria-label={label} style={{ display: 'flex', gap: token('space.200'), borderBottom: `2px solid ${token('color.border')}` }}>
      {tabs.map((tab, index) => {
        const selected = tab.id === current;
        return (
          <a
            key={tab.id}
            href={`#${tab.id}`}
            aria-current={selected ? 'page' : undefined}
            onClick={(event) => {
              event.preventDefault();
              onSelect(tab.id);
            }}
            onKeyDown={(event) => onKeyDown(event, index)}
            style={{
              padding: `${token('space.075')} ${token('space.050')}`,
              marginBottom: '-2px',
              borderBottom: `2px solid ${selected ? token('color.border.selected') : 'transparent'}`,
              color: selected ? token('color.text.selected') : token('color.text.subtle'),
              fontWeight: selected ? 600 : 500,
              textDecoration: 'none',
            }}
          >
            {tab.label}
          </a>
        );
      })}
    </nav>
  );
}
