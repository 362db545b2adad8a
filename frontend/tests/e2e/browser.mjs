// Launches Debian's Chromium through playwright-core (no browser download). chromium.launch gives every
// run a fresh temporary profile, so no state leaks between runs.
import { existsSync } from 'node:fs'
import { chromium } from 'playwright-core'

export const CHROMIUM_PATH = process.env.VC_CHROMIUM ?? '/usr/bin/chromium'

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Lets the flow start playback without a sound card or a prior gesture.
  '--autoplay-policy=no-user-gesture-required',
]

export async function launchBrowser() {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it with "apt-get install -y chromium" or set VC_CHROMIUM.`)
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS })
}

/** A page in a fresh context of `browser`, with the suite's default wait and page errors printed. */
export async function openPage(browser, contextOptions) {
  const context = await browser.newContext(contextOptions)
  const page = await context.newPage()
  page.setDefaultTimeout(30_000)
  page.on('pageerror', (error) => console.error('[page error]', error.message))
  return { context, page }
}
