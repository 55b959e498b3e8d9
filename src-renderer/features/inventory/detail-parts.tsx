import type { ReactNode } from 'react';
import type { Environment, Project } from '../../../src-main/contract';
import { EnvBadge } from '../../components/env-badge';
import { HealthDot } from '../../components/health-dot';
import { useUiStore } from '../../stores/ui-store';

interface DetailHeaderProps {
  kindLabel: string;
  title: string;
  badges?: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
}

export function DetailHeader({ kindLabel, title, badges, subtitle, actions }: DetailHeaderProps) {
  return (
    <header className="detail-head">
      <div className="detail-head-main">
        <div className="detail-kind">{kindLabel}</div>
        <h1 className="detail-title" data-testid="detail-title">
          <span className="detail-name">{title}</span>
          {badges}
        </h1>
        {subtitle && <div className="detail-sub">{subtitle}</div>}
      </div>
      {actions && <div className="detail-actions">{actions}</div>}
    </header>
  );
}

interface SectionProps {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
  testId?: string;
}

export function Section({ title, actions, children, testId }: SectionProps) {
  return (
    <section className="section" data-testid={testId}>
      <div className="section-head">
        <h2>{title}</h2>
        {actions && <div className="section-actions">{actions}</div>}
      </div>
      {children}
    </section>
  );
}

export interface KvItem {
  label: string;
  value: ReactNode;
  mono?: boolean;
  testId?: string;
}

/** A dense two-column list of labels and values. */
export function KeyValues({ items }: { items: KvItem[] }) {
  return (
    <dl className="kv">
      {items.map((i) => (
        <div className="kv-row" key={i.label}>
          <dt>{i.label}</dt>
          <dd className={i.mono ? 'mono' : undefined} data-testid={i.testId}>
            {i.value === '' || i.value === null || i.value === undefined ? <span className="muted">—</span> : i.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function EmptyRow({ colSpan, text }: { colSpan: number; text: string }) {
  return (
    <tr>
      <td colSpan={colSpan} className="muted empty-cell">
        {text}
      </td>
    </tr>
  );
}

/** The health dot and environment badge of something that lives in an environment. */
export function EnvBadges({ env }: { env: Environment | undefined }) {
  return (
    <>
      <HealthDot />
      {env && <EnvBadge kind={env.kind} quiet />}
    </>
  );
}

/** "Project / environment", each a link to its own detail. */
export function EnvBreadcrumb({ project, env }: { project: Project | undefined; env: Environment | undefined }) {
  const select = useUiStore((s) => s.select);
  return (
    <>
      <button type="button" className="link-btn" onClick={() => project && select({ type: 'project', id: project.id })}>{project?.name}</button>
      {' / '}
      <button type="button" className="link-btn" onClick={() => env && select({ type: 'environment', id: env.id })}>{env?.name}</button>
    </>
  );
}
