#!/usr/bin/env node
// Runs the end-to-end flow against a running VibeCraft server (VC_BASE_URL, default http://127.0.0.1:8000).
// Fails fast with a clear message when the server is not up.
import { spawn } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const baseUrl = (process.env.VC_BASE_URL ?? 'http://127.0.0.1:8000').replace(/\/$/, '')
const here = dirname(fileURLToPath(import.meta.url))

async function serverIsUp() {
  try {
    const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(5000) })
    return response.status < 500 || response.status === 503
  } catch {
    return false
  }
}

if (!(await serverIsUp())) {
  console.error(`server not reachable at ${baseUrl} (GET /api/health failed). Start it with "make start" or set VC_BASE_URL.`)
  process.exit(1)
}

// Every *.spec.mjs here, the main flow first; node --test runs the files one after another.
const specs = readdirSync(here)
  .filter((name) => name.endsWith('.spec.mjs'))
  // VC_E2E_SPECS=a.spec.mjs,b.spec.mjs runs only those (for working on one step).
  .filter((name) => !process.env.VC_E2E_SPECS || process.env.VC_E2E_SPECS.split(',').includes(name))
  .sort((a, b) => (a === 'flow.spec.mjs' ? -1 : b === 'flow.spec.mjs' ? 1 : a.localeCompare(b)))
  .map((name) => join(here, name))
const child = spawn(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', ...specs], {
  stdio: 'inherit',
  env: { ...process.env, VC_BASE_URL: baseUrl },
})
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
