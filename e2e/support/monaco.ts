// Monaco in e2e specs: replacing the editor's text the way a learner pasting would.
import { expect, type Page } from '@playwright/test'

/**
 * Replaces the editor's text by pasting it (typed or inserted text would be auto-indented line by line).
 * The page's context needs the clipboard-read and clipboard-write permissions.
 */
export async function setEditorText(page: Page, text: string): Promise<void> {
  await page.locator('.monaco-editor .view-lines').first().click()
  await page.evaluate((t) => navigator.clipboard.writeText(t), text)
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.press('ControlOrMeta+V')
  await expect(page.locator('.monaco-editor .view-lines').first()).toContainText(text.trimEnd().split('\n').at(-1)!.trim())
}
