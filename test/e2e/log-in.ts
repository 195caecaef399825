import { expect, type Page } from '@playwright/test';

/** Every demo person's password (server/demo/demo-users.ts). */
export const DEMO_PASSWORD = 'shekara-demo';

/**
 * Logs a demo person in at the desk. A desk that has not pulled the centre's people yet says so; the
 * helper tries again until they have arrived, as an officer at a new desk would.
 */
export async function logIn(page: Page, login: string, password = DEMO_PASSWORD): Promise<void> {
  await expect(page.getByTestId('login-screen')).toBeVisible({ timeout: 60_000 });
  await expect(async () => {
    await page.getByTestId('login-input').fill(login);
    await page.getByTestId('password-input').fill(password);
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('current-user')).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 60_000 });
}
