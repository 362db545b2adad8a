import { useSyncExternalStore } from 'react'

/** The signed-in session: the bearer token, kept in localStorage so it survives reloads. */
const TOKEN_KEY = 'vibecraft.token'

type Listener = () => void
const listeners = new Set<Listener>()

function readToken(): string | null {
  try {
    return window.localStorage.getItem(TOKEN_KEY)
  } catch {
    return null
  }
}

let currentToken: string | null = typeof window === 'undefined' ? null : readToken()

function emit() {
  for (const listener of listeners) listener()
}

export const session = {
  getToken(): string | null {
    return currentToken
  },
  setToken(token: string) {
    currentToken = token
    window.localStorage.setItem(TOKEN_KEY, token)
    emit()
  },
  clear() {
    if (currentToken === null) return
    currentToken = null
    window.localStorage.removeItem(TOKEN_KEY)
    emit()
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener)
    return () => listeners.delete(listener)
  },
}

// Another tab signing in or out changes this tab too.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key !== TOKEN_KEY) return
    currentToken = readToken()
    emit()
  })
}

export function useSessionToken(): string | null {
  return useSyncExternalStore(session.subscribe, session.getToken, () => null)
}
