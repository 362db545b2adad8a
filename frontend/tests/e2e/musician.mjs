// What every spec does first, as a new musician would: make an account, then upload a song.

const MINUTE = 60_000

/** Fills and sends the register form the page shows, and waits for the upload page it leads to. */
export async function createAccount(page, email, password) {
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Create account' }).click()
  await page.waitForURL('**/upload')
}

/** Picks `file` on the upload page, waits for the analysis page the upload opens, and returns the song's id. */
export async function uploadSong(page, file) {
  await page.getByLabel('Song file').setInputFiles(file)
  await page.waitForURL(/\/songs\/[^/]+\/analysis/, { timeout: 5 * MINUTE })
  return page.url().match(/\/songs\/([^/?]+)\//)[1]
}

/** An address no earlier run on this machine has registered. */
export function freshEmail(prefix) {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`
}

/**
 * From the editor: takes the suggested sections, approves, starts generating, waits for the finished video
 * (at most `timeout` ms) and opens its player. Returns the video's id.
 */
export async function generateAndWatch(page, timeout) {
  await page.getByRole('button', { name: 'Use suggested sections' }).click()
  await page.getByRole('button', { name: 'Approve & Generate' }).first().click()
  const dialog = page.getByRole('dialog', { name: 'Generate your video?' })
  await dialog.waitFor({ timeout: 2 * MINUTE })
  await dialog.getByRole('button', { name: 'Start generating' }).click()
  await page.waitForURL(/\/songs\/[^/]+\/generation/)
  await page.getByRole('progressbar', { name: 'Video ready' }).waitFor({ timeout })
  await page.getByRole('link', { name: /Watch video/ }).click()
  await page.waitForURL(/\/videos\/[^/]+$/)
  return page.url().split('/videos/')[1]
}
