import { renderAdf } from '../../local/site/adf';
import { html, raw } from '../../local/site/html';

describe('html tag', () => {
  test('escapes interpolated text, including quotes inside attributes', () => {
    const title = `"><script>alert('x')</script>`;
    expect(html`<a title="${title}">${title}</a>`.value).toBe(
      '<a title="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;">&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</a>',
    );
  });

  test('nests safe fragments without double escaping, and drops null/false', () => {
    const items = ['a&b', 'c'].map((t) => html`<li>${t}</li>`);
    expect(html`<ul>${items}${null}${false}${raw('<hr>')}</ul>`.value).toBe('<ul><li>a&amp;b</li><li>c</li><hr></ul>');
  });
});

describe('ADF rendering', () => {
  const doc = (...content: unknown[]) => ({ type: 'doc', version: 1, content });

  test('renders headings, lists and marks as HTML with the text escaped', () => {
    const out = renderAdf(
      doc(
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Notes <b>' }] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Fast', marks: [{ type: 'strong' }] }] }] }] },
      ),
    ).value;
    expect(out).toBe('<h2>Notes &lt;b&gt;</h2><ul><li><p><strong>Fast</strong></p></li></ul>');
  });

  test('keeps http links and drops javascript: links', () => {
    const link = (href: string) => doc({ type: 'paragraph', content: [{ type: 'text', text: 'go', marks: [{ type: 'link', attrs: { href } }] }] });
    expect(renderAdf(link('https://example.com/x')).value).toContain('<a href="https://example.com/x"');
    expect(renderAdf(link('javascript:alert(1)')).value).toBe('<p>go</p>');
  });

  test('unknown nodes show their text; non-ADF input shows nothing', () => {
    expect(renderAdf(doc({ type: 'futureNode', content: [{ type: 'text', text: 'still here' }] })).value).toBe('still here');
    expect(renderAdf('not a document').value).toBe('');
  });

  test('extensions (Forge macros) go to the caller\'s renderer', () => {
    const out = renderAdf(doc({ type: 'extension', attrs: { extensionKey: 'app/env/static/checklist' } }), { extension: () => raw('<iframe></iframe>') });
    expect(out.value).toBe('<iframe></iframe>');
  });

  test('a built-in bodied macro (Page Properties) shows its body, as Confluence does; other macros a placeholder', () => {
    const details = { type: 'bodiedExtension', attrs: { extensionKey: 'details' }, content: [{ type: 'paragraph', content: [{ type: 'text', text: '48 issues' }] }] };
    const out = renderAdf(doc(details, { type: 'extension', attrs: { extensionKey: 'toc' } }), { extension: () => undefined });
    expect(out.value).toContain('<p>48 issues</p>');
    expect(out.value).toContain('[macro: toc]');
  });
});
