import { useState, type FormEvent } from 'react'
import { Link, Navigate, useSearchParams } from 'react-router'
import { errorMessage } from '@/api/client'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { TextField } from '@/components/ui/field'
import { useConfirmPasswordReset } from '../api/password-reset'
import { AuthCard } from '../components/auth-card'

const MIN_PASSWORD = 8
const linkClass = 'font-medium text-violet-soft underline-offset-4 hover:underline'

export default function ResetPasswordRoute() {
  const [params] = useSearchParams()
  const token = params.get('token') ?? ''
  const confirm = useConfirmPasswordReset()
  const [password, setPassword] = useState('')
  const [repeat, setRepeat] = useState('')
  const [problem, setProblem] = useState<string | null>(null)

  if (confirm.isSuccess) return <Navigate to="/" replace />

  function submit(event: FormEvent) {
    event.preventDefault()
    if (password.length < MIN_PASSWORD) return setProblem(`Use at least ${MIN_PASSWORD} characters.`)
    if (password !== repeat) return setProblem('The two passwords differ; type the same one twice.')
    setProblem(null)
    confirm.mutate({ token, password })
  }

  return (
    <AuthCard
      title="Choose a new password"
      intro="The link works once. After this you are signed in with the new password."
      footer={
        <Link to="/forgot-password" className={linkClass}>
          Ask for a new link
        </Link>
      }
    >
      {!token ? (
        <div className="mt-6">
          <Alert title="This link is incomplete">Open the whole link from the message, or ask for a new one.</Alert>
        </div>
      ) : (
        <form className="mt-6 flex flex-col gap-4" onSubmit={submit} noValidate>
          <TextField
            label="New password"
            type="password"
            autoComplete="new-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            hint={`At least ${MIN_PASSWORD} characters.`}
          />
          <TextField
            label="Repeat the new password"
            type="password"
            autoComplete="new-password"
            required
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
            error={problem}
          />
          {confirm.isError && <Alert>{errorMessage(confirm.error)}</Alert>}
          <Button type="submit" size="lg" loading={confirm.isPending} disabled={!password || !repeat} className="mt-1 w-full">
            Set new password
          </Button>
        </form>
      )}
    </AuthCard>
  )
}
