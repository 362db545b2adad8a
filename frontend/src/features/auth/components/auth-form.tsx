import { useState, type FormEvent } from 'react'
import { Link } from 'react-router'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { TextField } from '@/components/ui/field'
import { Logo } from '@/components/ui/logo'
import { errorMessage } from '@/api/client'
import { useSignIn } from '../api/sign-in'

const MIN_PASSWORD = 8

export function AuthForm({ mode }: { mode: 'login' | 'register' }) {
  const signIn = useSignIn(mode)
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [passwordError, setPasswordError] = useState<string | null>(null)
  const isRegister = mode === 'register'

  function submit(event: FormEvent) {
    event.preventDefault()
    if (isRegister && password.length < MIN_PASSWORD) {
      setPasswordError(`Use at least ${MIN_PASSWORD} characters.`)
      return
    }
    setPasswordError(null)
    // On success the session gains a token and the guest-only route moves on by itself.
    signIn.mutate({ email: email.trim(), password })
  }

  return (
    <div className="flex min-h-dvh items-center justify-center px-4 py-10">
      <div className="w-full max-w-md">
        <div className="mb-8 flex justify-center">
          <Logo />
        </div>
        <div className="rounded-card border border-line bg-surface/90 p-6 shadow-[0_30px_80px_-30px_rgb(110_107_255/0.35)] sm:p-8">
          <h1 className="font-display text-2xl font-semibold text-ink">{isRegister ? 'Create your account' : 'Welcome back'}</h1>
          <p className="mt-1.5 text-sm text-muted">
            {isRegister ? 'Turn your next track into a beat-synced music video.' : 'Sign in to keep working on your videos.'}
          </p>
          <form className="mt-6 flex flex-col gap-4" onSubmit={submit} noValidate>
            <TextField
              label="Email"
              type="email"
              autoComplete="email"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
            <TextField
              label="Password"
              type="password"
              autoComplete={isRegister ? 'new-password' : 'current-password'}
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              hint={isRegister ? `At least ${MIN_PASSWORD} characters.` : undefined}
              error={passwordError}
            />
            {!isRegister && (
              <Link to="/forgot-password" className="-mt-2 self-end text-sm text-violet-soft underline-offset-4 hover:underline">
                Forgot your password?
              </Link>
            )}
            {signIn.isError && <Alert>{errorMessage(signIn.error)}</Alert>}
            <Button type="submit" size="lg" loading={signIn.isPending} disabled={!email || !password} className="mt-1 w-full">
              {isRegister ? 'Create account' : 'Sign in'}
            </Button>
          </form>
        </div>
        <p className="mt-6 text-center text-sm text-muted">
          {isRegister ? 'Already have an account? ' : 'New to VibeCraft? '}
          <Link
            to={isRegister ? '/sign-in' : '/register'}
            className="font-medium text-violet-soft underline-offset-4 hover:underline"
          >
            {isRegister ? 'Sign in' : 'Create an account'}
          </Link>
        </p>
      </div>
    </div>
  )
}
