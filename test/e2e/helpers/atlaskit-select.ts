import type { FrameLocator, Locator } from 'playwright-core';

/**
 * Chooses an option of an @atlaskit/select by its label, as a person does with the mouse: open the
 * list, click the option. (It is a combobox, not a native <select>: selectOption does not apply.)
 */
export async function chooseOption(scope: FrameLocator | Locator, label: string, option: string | RegExp): Promise<void> {
  const input = scope.getByRole('combobox', { name: label, exact: true });
  await input.click({ timeout: 30_000 });
  await scope.getByRole('option', { name: option, exact: typeof option === 'string' }).click({ timeout: 30_000 });
}

/** The same with the keyboard only: type to filter, then Enter takes the first match. */
export async function chooseOptionByKeyboard(input: Locator, typed: string): Promise<void> {
  await input.pressSequentially(typed);
  await input.press('Enter');
}
