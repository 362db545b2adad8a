// Serves the built app (SPA fallback) plus a few media files with Range support, so <video> can seek.
import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import { extname, join } from 'node:path'

const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.json': 'application/json',
  '.mp4': 'video/mp4',
  '.mp3': 'audio/mpeg',
  '.jpg': 'image/jpeg',
}

export function sendFile(req, res, file) {
  const size = statSync(file).size
  const type = TYPES[extname(file)] ?? 'application/octet-stream'
  const range = /bytes=(\d*)-(\d*)/.exec(req.headers.range ?? '')
  if (!range) {
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': size, 'Accept-Ranges': 'bytes' })
    createReadStream(file).pipe(res)
    return
  }
  const start = range[1] ? Number(range[1]) : 0
  const end = range[2] ? Math.min(Number(range[2]), size - 1) : size - 1
  res.writeHead(206, { 'Content-Type': type, 'Content-Length': end - start + 1, 'Content-Range': `bytes ${start}-${end}/${size}`, 'Accept-Ranges': 'bytes' })
  createReadStream(file, { start, end }).pipe(res)
}

/**
 * Starts a server for dist/. `media` maps URL paths to files; `api(req, res)` may answer and return true.
 * Resolves to the listening server (port 0 = any free port).
 */
export function startStaticServer({ dist, media = {}, api, port = 0 }) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname)
    if (media[path]) return sendFile(req, res, media[path])
    if (api && (await api(req, res, path))) return
    let file = join(dist, path)
    if (!file.startsWith(dist) || !existsSync(file) || statSync(file).isDirectory()) file = join(dist, 'index.html')
    sendFile(req, res, file)
  })
  return new Promise((ok) => server.listen(port, '127.0.0.1', () => ok(server)))
}
