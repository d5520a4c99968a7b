import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { session } from '../api';
import { useMe, useSession } from '../session';
import { Loading } from './ui';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const other = i18n.language === 'en' ? 'fr' : 'en';
  return (
    <button type="button" className="outline secondary lang" lang={other} onClick={() => void i18n.changeLanguage(other)} aria-label={t('nav.switchLanguage')}>
      {other === 'en' ? 'English' : 'Français'}
    </button>
  );
}

/** Header, navigation and the page; pages need a session, or go to the sign-in page. */
export function Layout() {
  const { t } = useTranslation();
  const s = useSession();
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const client = useQueryClient();
  if (s.isPending) return <Loading />;
  if (!s.data?.signedIn) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname)}`} replace />;
  const signOut = async () => {
    await session.signOut().catch(() => undefined);
    client.clear();
    navigate('/sign-in');
  };
  return (
    <>
      <a href="#main" className="skip">
        {t('nav.skip')}
      </a>
      <header className="container">
        <nav aria-label={t('nav.main')}>
          <ul>
            <li>
              <Link to="/" className="brand">
                <strong>{t('app.name')}</strong>
              </Link>
            </li>
          </ul>
          <ul>
            <li><NavLink to="/">{t('nav.home')}</NavLink></li>
            <li><NavLink to="/needs">{t('nav.needs')}</NavLink></li>
            <li><NavLink to="/meet">{t('nav.meet')}</NavLink></li>
            <li><NavLink to="/collectives">{t('nav.collectives')}</NavLink></li>
            <li><NavLink to="/territories">{t('nav.territories')}</NavLink></li>
            <li><NavLink to="/me">{me.data?.displayName ?? t('nav.account')}</NavLink></li>
            <li><LanguageSwitch /></li>
            <li>
              <button type="button" className="outline" onClick={() => void signOut()}>
                {t('nav.signOut')}
              </button>
            </li>
          </ul>
        </nav>
      </header>
      <main id="main" className="container" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}

/** Tabs of a page (company, territory): links, the current one marked for screen readers. */
export function Tabs({ items }: { items: Array<[string, string]> }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('common.sections')} className="tabs">
      <ul>
        {items.map(([to, label]) => (
          <li key={to}>
            <NavLink to={to} end>
              {label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
