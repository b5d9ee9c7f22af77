import { roleRead } from '../../src/adapters/jira-access';
import { ProductError } from '../../src/adapters/product-error';
import { AppError } from '../../src/errors';

describe('reading a project role for the role check', () => {
  it('treats a role deleted in Jira (404) as one nobody holds', async () => {
    await expect(roleRead('PAY', Promise.reject(new ProductError('gone', 404, 'jira')))).resolves.toBeUndefined();
  });

  it('tells the person what an admin must change when the app may not read roles', async () => {
    const refused = roleRead('PAY', Promise.reject(new ProductError('no', 403, 'jira')));
    await expect(refused).rejects.toBeInstanceOf(AppError);
    await expect(roleRead('PAY', Promise.reject(new ProductError('no', 403, 'jira')))).rejects.toThrow(
      /^Preflight may not read the project roles of PAY, so it cannot tell who holds which Preflight role\. A Jira admin can fix this/,
    );
  });

  it('passes other failures on unchanged', async () => {
    const outage = new ProductError('Jira answered 503', 503, 'jira');
    await expect(roleRead('PAY', Promise.reject(outage))).rejects.toBe(outage);
  });
});
