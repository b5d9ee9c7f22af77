import { moduleFrame, startBrowserSite, type BrowserSite } from './helpers/browser-site';

/**
 * Publishing from the release panel: Rita publishes PAY 2.2's release notes to the Releases
 * space, sees a link to the page, and publishing again updates the same page (version 2).
 */
let env: BrowserSite;

beforeAll(async () => {
  env = await startBrowserSite({ seedIssues: 200 });
});

afterAll(async () => {
  await env?.close();
});

test('the release owner publishes release notes from the panel, and publishing again updates the page', async () => {
  const { page, site } = env;
  await page.goto(`${site.url}/jira/projects/PAY/releases`);
  const frame = moduleFrame(page);
  await frame.getByRole('link', { name: 'PAY 2.2' }).or(frame.getByRole('button', { name: 'PAY 2.2' })).first().click();
  await frame.getByText('Confluence pages').waitFor({ timeout: 20_000 });
  // The space picker has a visible label and names the space as "Name (KEY)".
  await frame.getByText(/^.+ \(REL\)$/).first().waitFor({ timeout: 20_000 });
  expect(await frame.getByLabel('Space', { exact: true }).count()).toBe(1);

  await frame.getByRole('button', { name: 'Publish release notes' }).click();
  const link = frame.getByRole('link', { name: 'Release notes: PAY 2.2' });
  await link.waitFor({ timeout: 20_000 });
  await frame.getByText('· version 1').waitFor();
  const url = await link.getAttribute('href');
  expect(url).toMatch(/\/wiki\/spaces\/REL\/pages\/\d+/);

  // Published, so the action now reads "Update"; using it keeps one page.
  await frame.getByRole('button', { name: 'Update release notes' }).click();
  await frame.getByText('· version 2').waitFor({ timeout: 20_000 });
  expect(await link.getAttribute('href')).toBe(url);

  // The panel's frame may not open tabs itself (Forge's sandbox): the link asks the router.
  const [tab] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
  await tab.waitForLoadState();
  expect(new URL(tab.url()).pathname).toBe(new URL(url!, site.url).pathname);
  await tab.getByRole('heading', { name: 'Release notes: PAY 2.2' }).first().waitFor({ timeout: 20_000 });
  await tab.close();

  const res = await fetch(`${site.url}/wiki/api/v2/pages?title=${encodeURIComponent('Release notes: PAY 2.2')}`, {
    headers: { authorization: `Basic ${Buffer.from('rita@preflight.local:x').toString('base64')}` },
  });
  const pages = ((await res.json()) as { results: Array<{ id: string }> }).results;
  expect(pages).toHaveLength(1);
  expect(env.pageErrors).toEqual([]);
});
