/** A web tab names its own operator (each tab of the web door has its own): through 设置 → 操作员, as a user does. */
import type { Page } from 'playwright-core';

export async function nameTabOperator(page: Page, name = '张敏'): Promise<void> {
  const back = new URL(page.url()).hash || '#/overview';
  await page.evaluate(() => (window.location.hash = '#/settings'));
  const card = page.getByTestId('operator-card');
  await card.waitFor();
  await card.getByLabel('操作员姓名').fill(name);
  await card.getByRole('button', { name: '保存' }).click();
  await card.getByRole('button', { name: '保存' }).and(page.locator('[disabled]')).waitFor();
  await page.evaluate((hash) => (window.location.hash = hash), back);
}
