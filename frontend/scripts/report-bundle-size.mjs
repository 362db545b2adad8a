#!/usr/bin/env node
// Prints the gzipped size of the JavaScript a first visit downloads (the entry chunk and its
// static imports, per dist/.vite/manifest.json) and exits 1 when it exceeds the budget.
import { readFileSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const BUDGET_BYTES = 250 * 1024
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist')
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'))

const entries = Object.keys(manifest).filter((key) => manifest[key].isEntry)
if (entries.length === 0) {
  console.error('report-bundle-size: no entry chunk in dist/.vite/manifest.json')
  process.exit(1)
}

const initial = new Set()
const visit = (key) => {
  if (initial.has(key)) return
  initial.add(key)
  for (const imported of manifest[key].imports ?? []) visit(imported)
}
entries.forEach(visit)

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`
let total = 0
const rows = [...initial].map((key) => {
  const file = manifest[key].file
  const gzipped = gzipSync(readFileSync(join(dist, file)), { level: 9 }).length
  total += gzipped
  return { file, gzipped }
})
rows.sort((a, b) => b.gzipped - a.gzipped)
for (const { file, gzipped } of rows) console.log(`  ${kb(gzipped).padStart(10)}  ${file}`)

const lazyCount = Object.values(manifest).filter((chunk) => chunk.file.endsWith('.js')).length - rows.length
console.log(`initial JS (gzip): ${kb(total)} of ${kb(BUDGET_BYTES)} budget · ${lazyCount} lazy chunks`)
if (total > BUDGET_BYTES) {
  console.error(`initial JS is over budget by ${kb(total - BUDGET_BYTES)}`)
  process.exit(1)
}
