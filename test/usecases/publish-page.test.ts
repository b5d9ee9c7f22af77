import { ProductError } from '../../src/adapters/product-error';
import { ConflictError } from '../../src/errors';
import type { PagePublisher, PageRef } from '../../src/ports';
import { PAGE_UPDATE_ATTEMPTS, updateWithRetry } from '../../src/usecases/publish-page';
import type { MacroDeps } from '../../src/usecases/macro-deps';

/** A page someone else keeps editing: the first `conflicts` updates meet a newer version. */
function busyPage(conflicts: number) {
  let version = 3;
  const updates: number[] = [];
  const ref = (): PageRef => ({ id: '7', title: 'Release notes: PAY 1', spaceId: '1', version, url: 'https://x/wiki/7' });
  const pages: Pick<PagePublisher, 'get' | 'update'> = {
    get: () => Promise.resolve(ref()),
    update: (page) => {
      updates.push(page.version);
      if (updates.length <= conflicts) {
        version += 1; // someone saved in between
        return Promise.reject(new ProductError('Version must be incremented', 409, 'confluence'));
      }
      if (page.version !== version + 1) return Promise.reject(new ProductError('stale', 409, 'confluence'));
      version = page.version;
      return Promise.resolve(ref());
    },
  };
  return { deps: { pages } as unknown as MacroDeps, updates, start: ref() };
}

const content = { spaceId: '1', title: 'Release notes: PAY 1', adf: { type: 'doc', version: 1, content: [] } };

describe('updating a published page that someone is editing', () => {
  it('re-reads the page after a 409 and succeeds with the next version', async () => {
    const { deps, updates, start } = busyPage(2);
    const page = await updateWithRetry(deps, start, content);
    expect(updates).toEqual([4, 5, 6]);
    expect(page.version).toBe(6);
  });

  it(`gives up after ${PAGE_UPDATE_ATTEMPTS} attempts with "changed by someone else"`, async () => {
    const { deps, updates, start } = busyPage(10);
    await expect(updateWithRetry(deps, start, content)).rejects.toBeInstanceOf(ConflictError);
    expect(updates).toHaveLength(PAGE_UPDATE_ATTEMPTS);
  });

  it('does not retry other failures', async () => {
    const { deps, start } = busyPage(0);
    deps.pages.update = () => Promise.reject(new ProductError('no permission', 404, 'confluence'));
    await expect(updateWithRetry(deps, start, content)).rejects.toMatchObject({ status: 404 });
  });
});
