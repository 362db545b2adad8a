import { useState, type FormEvent } from 'react'
import { Link } from 'react-router'
import { errorMessage } from '@/api/client'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { TextField } from '@/components/ui/field'
import { useRequestPasswordReset } from '../api/password-reset'
import { AuthCard } from '../components/auth-card'

const linkClass = 'font-medium text-violet-soft underline-offset-4 hover:underline'

export default function ForgotPasswordRoute() {
  const request = useRequestPasswordReset()
  const [email, setEmail] = useState('')

  function submit(event: FormEvent) {
    event.preventDefault()
    request.mutate(email.trim())
  }

  return (
    <AuthCard
      title="Forgot your password?"
      intro="Enter your account’s e-mail address and we’ll send you a link to choose a new one."
      footer={
        <Link to="/sign-in" className={linkClass}>
          Back to sign in
        </Link>
      }
    >
      {request.isSuccess ? (
        <div className="mt-6">
          <Alert tone={request.data.delivery === 'email' ? 'success' : 'info'} title={request.data.delivery === 'email' ? 'Check your inbox' : 'Ask your administrator'}>
            {request.data.detail}
          </Alert>
        </div>
      ) : (
        <form className="mt-6 flex flex-col gap-4" onSubmit={submit} noValidate>
          <TextField label="Email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
          {request.isError && <Alert>{errorMessage(request.error)}</Alert>}
          <Button type="submit" size="lg" loading={request.isPending} disabled={!email} className="mt-1 w-full">
            Send reset link
          </Button>
        </form>
      )}
    </AuthCard>
  )
}
