import { UseQueryResult, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, Page, Service, get } from '../api';
import type { TKey } from '../locales/keys';

/** The API's error, translated by its code, with the fields it names. */
export function ErrorMessage({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const e = error instanceof ApiError ? error : new ApiError(0, 'unexpected', String((error as Error)?.message ?? error));
  const key = `errors.${e.code}` as TKey;
  const title: string = i18n.exists(key) ? String(t(key)) : t('errors.generic', { status: e.status });
  const fields = Array.isArray(e.details) ? (e.details as Array<{ field?: string; message?: string }>).filter((d) => d.field) : [];
  return (
    <div role="alert" className="error" data-code={e.code}>
      <strong>{title}</strong>
      {fields.length > 0 && (
        <ul>
          {fields.map((f) => (
            <li key={f.field}>
              <code>{f.field}</code> — <span lang="en">{f.message}</span>
            </li>
          ))}
        </ul>
      )}
      {fields.length === 0 && e.message && <p lang="en" className="muted">{e.message}</p>}
    </div>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p aria-busy="true" role="status">
      {t('common.loading')}
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return (
    <p className="empty" role="status">
      {children}
    </p>
  );
}

/** Loading, error or the data. */
export function Async<T>({ query, children }: { query: UseQueryResult<T>; children: (data: T) => ReactNode }) {
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorMessage error={query.error} />;
  return <>{children(query.data as T)}</>;
}

export const useApi = <T,>(service: Service, path: string | undefined, query?: Record<string, string | number | boolean | undefined>) =>
  useQuery<T>({ queryKey: [service, path, query], queryFn: () => get<T>(service, path as string, query), enabled: path !== undefined });

/** A paginated list: loading, error, empty state, and previous/next. */
export function PagedList<T>({
  service,
  path,
  query,
  empty,
  limit = 20,
  children,
}: {
  service: Service;
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  empty: ReactNode;
  limit?: number;
  children: (items: T[], page: Page<T>) => ReactNode;
}) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const q = useApi<Page<T>>(service, path, { ...query, page, limit });
  return (
    <Async query={q}>
      {(data) =>
        data.total === 0 ? (
          <Empty>{empty}</Empty>
        ) : (
          <>
            {children(data.items, data)}
            {data.pages > 1 && (
              <nav aria-label={t('common.pagination')} className="pager">
                <button type="button" className="secondary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                  {t('common.previous')}
                </button>
                <span>{t('common.pageOf', { page: data.page, pages: data.pages, total: data.total })}</span>
                <button type="button" className="secondary" disabled={page >= data.pages} onClick={() => setPage(page + 1)}>
                  {t('common.next')}
                </button>
              </nav>
            )}
          </>
        )
      }
    </Async>
  );
}

/** After a write: refresh what is on screen now, and again once the other services have caught up. */
export function useRefresh() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries();
    setTimeout(() => void client.invalidateQueries(), 1500);
  };
}

/** A button that runs one command, shows its progress and the API's error. */
export function Action({
  run,
  children,
  className,
  confirm,
  onDone,
}: {
  run: () => Promise<unknown>;
  children: ReactNode;
  className?: string;
  confirm?: string;
  onDone?: (result: unknown) => void;
}) {
  const refresh = useRefresh();
  const m = useMutation({ mutationFn: run, onSuccess: (r) => (refresh(), onDone?.(r)) });
  return (
    <span className="action">
      <button
        type="button"
        className={className}
        aria-busy={m.isPending}
        disabled={m.isPending}
        onClick={() => {
          if (!confirm || window.confirm(confirm)) m.mutate();
        }}
      >
        {children}
      </button>
      {m.isError && <ErrorMessage error={m.error} />}
    </span>
  );
}

/** A form sending its fields (FormData → object by `toBody`) as one command. */
export function CommandForm({
  title,
  submit,
  run,
  children,
  onDone,
  done,
}: {
  title?: string;
  submit: string;
  run: (form: FormData) => Promise<unknown>;
  children: ReactNode;
  onDone?: (result: unknown) => void;
  done?: string;
}) {
  const refresh = useRefresh();
  const id = useId();
  const m = useMutation({ mutationFn: run, onSuccess: (r) => (refresh(), onDone?.(r)) });
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    m.mutate(new FormData(e.currentTarget));
  };
  return (
    <form onSubmit={onSubmit} aria-labelledby={title ? id : undefined}>
      {title && <h3 id={id}>{title}</h3>}
      {children}
      <button type="submit" aria-busy={m.isPending} disabled={m.isPending}>
        {submit}
      </button>
      {m.isError && <ErrorMessage error={m.error} />}
      {m.isSuccess && done && (
        <p role="status" className="ok">
          {done}
        </p>
      )}
    </form>
  );
}

/**
 * A labelled input; `hint` is read with the field. The label is the control's whole accessible
 * name (a label wrapping a select would add its current option to the name).
 */
export function Field({ label, name, hint, ...input }: { label: string; name: string; hint?: string } & React.InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} name={name} aria-describedby={hint ? `${id}-hint` : undefined} {...input} />
      {hint && <small id={`${id}-hint`}>{hint}</small>}
    </div>
  );
}

export function TextArea({ label, name, ...rest }: { label: string; name: string } & React.TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} name={name} {...rest} />
    </div>
  );
}

export function Select({ label, name, options, ...rest }: { label: string; name: string; options: Array<[string, string]> } & React.SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} {...rest}>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

export const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
};
export const list = (form: FormData, name: string) =>
  (text(form, name) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export function DateText({ value }: { value?: string | null }) {
  const { i18n } = useTranslation();
  if (!value) return <>—</>;
  const d = new Date(value);
  return <time dateTime={value}>{Number.isNaN(d.getTime()) ? value : d.toLocaleDateString(i18n.language === 'en' ? 'en-GB' : 'fr-FR', { year: 'numeric', month: 'short', day: 'numeric' })}</time>;
}

/** A table's header row: one column header per label (empty labels are left out). */
export function TableHead({ columns }: { columns: Array<string | false | undefined> }) {
  return (
    <thead>
      <tr>
        {columns.filter((c): c is string => !!c).map((c) => (
          <th scope="col" key={c}>
            {c}
          </th>
        ))}
      </tr>
    </thead>
  );
}
