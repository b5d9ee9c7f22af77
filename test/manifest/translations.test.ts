import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '../../local/contracts/spec-files';
import { moduleDescription, moduleTitle, readManifest, translate, type ManifestTranslations } from '../../local/site/manifest';

/**
 * The manifest's module titles and descriptions in each person's language (Forge "Translations"):
 * every `{ i18n: key }` of manifest.yml has a real text in English, German, French and Japanese,
 * and the local site picks them as Forge does (the locale's file, then the fallback, en-US).
 * That @forge/manifest accepts the result is test/manifest/forge-checks.test.ts's job.
 */

const LOCALES = ['en-US', 'de-DE', 'fr-FR', 'ja-JP'] as const;
const manifestYaml = parse(readFileSync(join(REPO_ROOT, 'manifest.yml'), 'utf8')) as {
  modules: Record<string, unknown[]>;
  translations: { resources: Array<{ key: string; path: string }>; fallback: Record<string, unknown> };
};

/** Every i18n key the modules use, with where it sits. */
function i18nKeys(value: unknown, at = ''): Array<{ key: string; at: string }> {
  if (Array.isArray(value)) return value.flatMap((v, i) => i18nKeys(v, `${at}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  const own = (value as { i18n?: unknown }).i18n;
  if (typeof own === 'string') return [{ key: own, at }];
  return Object.entries(value).flatMap(([k, v]) => i18nKeys(v, at ? `${at}.${k}` : k));
}

function flatten(value: unknown, prefix = ''): Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return { [prefix]: value };
  return Object.assign({}, ...Object.entries(value).map(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k)));
}

const resources = Object.fromEntries(manifestYaml.translations.resources.map((r) => [r.key, flatten(JSON.parse(readFileSync(join(REPO_ROOT, r.path), 'utf8')))]));

test('the manifest declares a resource for each language, falling back to en-US', () => {
  expect(Object.keys(resources).sort()).toEqual([...LOCALES].sort());
  expect(manifestYaml.translations.fallback).toEqual({ default: 'en-US' });
});

test('every module title, description and label in the manifest is translated, in every language', () => {
  const keys = i18nKeys(manifestYaml.modules);
  // Pages, the QA module, and each macro's title, description and config dialog title.
  expect(keys.length).toBeGreaterThanOrEqual(3 + 2 + 6 * 3);
  for (const locale of LOCALES) {
    const missing = keys.filter(({ key }) => typeof resources[locale]?.[key] !== 'string' || (resources[locale]?.[key] as string).trim() === '');
    expect({ locale, missing }).toEqual({ locale, missing: [] });
  }
  // Same keys everywhere, nothing left over that no module uses.
  for (const locale of LOCALES) expect(Object.keys(resources[locale]!).sort()).toEqual([...new Set(keys.map((k) => k.key))].sort());
  // Translated, not copied: beyond product names, the German, French and Japanese texts differ from the English.
  for (const locale of ['de-DE', 'fr-FR', 'ja-JP'] as const) {
    const copied = keys.filter(({ key }) => resources[locale]![key] === resources['en-US']![key] && !/^Preflight( QA)?$/.test(String(resources['en-US']![key])));
    expect({ locale, copied: copied.map((c) => c.key) }).toEqual({ locale, copied: locale === 'de-DE' ? ['modules.releases.title'] : [] });
  }
});

describe('the local site shows module titles in the user menu\'s language', () => {
  const manifest = readManifest(REPO_ROOT);
  const module = (key: string) => manifest.modules.find((m) => m.key === key)!;

  test.each([
    ['en-US', 'preflight-releases', 'Releases'],
    ['ja-JP', 'preflight-releases', 'リリース'],
    ['fr-FR', 'preflight-releases', 'Versions'],
    ['de-DE', 'preflight-checklist-macro', 'Preflight-Release-Checkliste'],
    ['ja-JP', 'preflight-release-notes-macro', 'Preflight リリースノート'],
    ['fr-FR', 'preflight-qa', 'QA Preflight'],
    // A language the app does not ship falls back to English, as Forge's fallback.default says.
    ['es-ES', 'preflight-retrospective-macro', 'Preflight retrospective'],
  ])('%s: %s is "%s"', (locale, key, title) => {
    expect(moduleTitle(manifest, module(key), locale)).toBe(title);
  });

  test('without a locale (logs, tools) a module has its English title; the pseudo-locale shows it accented inside ⟦ ⟧', () => {
    expect(module('preflight-portfolio').title).toBe('Preflight releases');
    expect(moduleTitle(manifest, module('preflight-portfolio'), 'en-XA')).toMatch(/^⟦Þŕé[^⟧]*⟧$/);
    expect(moduleDescription(manifest, module('preflight-health-macro'), 'de-DE')).toMatch(/^Wie die letzten Releases eines Projekts liefen/);
  });

  test('a key missing from a language falls back along the chain: the locale, its own fallbacks, then the default', () => {
    const translations: ManifestTranslations = {
      resources: new Map<string, unknown>([
        ['en-US', { a: { title: 'English' }, b: 'Only English' }],
        ['de-DE', { a: { title: 'Deutsch' } }],
        ['fr-FR', { 'a.title': 'Français (flat key)' }],
      ]),
      fallback: { default: 'en-US', 'de-AT': ['de-DE'] },
    };
    expect(translate(translations, 'a.title', 'de-DE')).toBe('Deutsch');
    expect(translate(translations, 'a.title', 'de-AT')).toBe('Deutsch');
    expect(translate(translations, 'a.title', 'fr-FR')).toBe('Français (flat key)');
    expect(translate(translations, 'b', 'de-DE')).toBe('Only English');
    expect(translate(translations, 'nowhere', 'de-DE')).toBeUndefined();
  });
});
