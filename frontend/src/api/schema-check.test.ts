import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { apiRoutes } from './paths'

// Set VC_OPENAPI_JSON to the backend's openapi.json to check the client against the live contract.
const openApiPath = process.env.VC_OPENAPI_JSON

/** `/api/songs/{song_id}` and `/api/songs/{id}` are the same route: compare with parameter names erased. */
function shape(path: string): string {
  return path.replace(/\{[^}]+\}/g, '{}')
}

describe.skipIf(!openApiPath)('API client matches the backend’s OpenAPI schema', () => {
  const schema = openApiPath ? (JSON.parse(readFileSync(openApiPath, 'utf8')) as { paths: Record<string, unknown> }) : { paths: {} }
  const known = new Set(Object.keys(schema.paths).map(shape))

  it.each(Object.entries(apiRoutes))('%s (%s) exists', (_, path) => {
    expect(known.has(shape(path)), `${path} is not in ${openApiPath}`).toBe(true)
  })
})
