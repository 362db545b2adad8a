// @vitest-environment node
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
// @ts-expect-error -- a plain .mjs script, shared with `npm run api:schema`
import { backendPython, dumpLiveSchema, schemaJsonPath, schemaTsPath, typesFor } from '../../scripts/api-schema.mjs'

// The client's types come from ./generated/ (tsc checks every call against them); these tests keep
// those files equal to what the backend really serves. In CI a missing backend is a failure.
const python: string | null = backendPython()
const requireBackend = Boolean(process.env.CI)
const STALE = 'stale: run `npm run api:schema` in frontend/ and commit src/api/generated/'

describe('generated API types', () => {
  it('are the openapi-typescript output of the committed openapi.json', async () => {
    const expected = await typesFor(readFileSync(schemaJsonPath, 'utf8'))
    expect(readFileSync(schemaTsPath, 'utf8') === expected, `schema.ts is ${STALE}`).toBe(true)
  })

  it.skipIf(!python && !requireBackend)('come from the schema the backend serves now', () => {
    expect(python, 'no backend virtualenv at ../.venv (run `make backend-dev`)').not.toBeNull()
    const live = dumpLiveSchema(python as string)
    expect(readFileSync(schemaJsonPath, 'utf8') === live, `openapi.json is ${STALE}`).toBe(true)
  }, 120_000)
})
