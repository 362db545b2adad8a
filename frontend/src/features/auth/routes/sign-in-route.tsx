import { AuthForm } from '../components/auth-form'

export default function SignInRoute() {
  return <AuthForm mode="login" />
}
