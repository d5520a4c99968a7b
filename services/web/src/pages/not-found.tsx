import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t('notFound.title')}</h1>
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </section>
  );
}

/** A page that failed to render: said plainly, with a way back, instead of a blank screen. */
export function RouteError() {
  const { t } = useTranslation();
  return (
    <main id="main" className="container">
      <h1>{t('notFound.crashed')}</h1>
      <p>{t('notFound.crashedHelp')}</p>
      <p>
        <a href="/">{t('notFound.home')}</a>
      </p>
    </main>
  );
}
