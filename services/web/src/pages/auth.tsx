import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { session } from '../api';
import { LanguageSwitch } from '../components/layout';
import { ErrorMessage, Field, text } from '../components/ui';
import { useSession } from '../session';

function AuthPage({ mode }: { mode: 'in' | 'up' }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const client = useQueryClient();
  const current = useSession();
  const m = useMutation({
    mutationFn: (form: FormData) =>
      mode === 'in'
        ? session.signIn({ email: text(form, 'email') ?? '', password: String(form.get('password') ?? '') })
        : session.signUp({ email: text(form, 'email') ?? '', password: String(form.get('password') ?? ''), displayName: text(form, 'displayName') ?? '', locale: i18n.language }),
    onSuccess: async () => {
      await client.invalidateQueries();
      const next = params.get('next');
      navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/');
    },
  });
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    m.mutate(new FormData(e.currentTarget));
  };
  if (current.data?.signedIn && !m.isPending) return <Navigate to="/" replace />;
  return (
    <main id="main" className="container narrow">
      <header className="auth-head">
        <h1>{t('app.name')}</h1>
        <LanguageSwitch />
      </header>
      <p>{t('app.tagline')}</p>
      <article>
        <form onSubmit={onSubmit}>
          <h2>{mode === 'in' ? t('auth.signInTitle') : t('auth.signUpTitle')}</h2>
          {mode === 'up' && <Field label={t('auth.displayName')} name="displayName" required autoComplete="name" />}
          <Field label={t('auth.email')} name="email" type="email" required autoComplete="email" />
          <Field
            label={t('auth.password')}
            name="password"
            type="password"
            required
            minLength={mode === 'up' ? 12 : undefined}
            autoComplete={mode === 'in' ? 'current-password' : 'new-password'}
            hint={mode === 'up' ? t('auth.passwordHint') : undefined}
          />
          <button type="submit" aria-busy={m.isPending} disabled={m.isPending}>
            {mode === 'in' ? t('auth.signIn') : t('auth.signUp')}
          </button>
          <ErrorMessage error={m.error} />
        </form>
        <p>{mode === 'in' ? <Link to="/sign-up">{t('auth.noAccount')}</Link> : <Link to="/sign-in">{t('auth.haveAccount')}</Link>}</p>
      </article>
    </main>
  );
}

export const SignIn = () => <AuthPage mode="in" />;
export const SignUp = () => <AuthPage mode="up" />;
