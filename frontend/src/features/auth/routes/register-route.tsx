import { AuthForm } from '../components/auth-form'

export default function RegisterRoute() {
  return <AuthForm mode="register" />
}
