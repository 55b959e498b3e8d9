import type { Project } from '../../../src-main/contract';
import { EnvBadge } from '../../components/env-badge';
import { useT } from '../../i18n';
import { useInventoryStore } from '../../stores/inventory-store';
import { useModalStore } from '../../stores/modal-store';
import { useUiStore } from '../../stores/ui-store';
import { DetailHeader, EmptyRow, Section } from './detail-parts';
import { envsOf, hostsOf, linksOfProject, servicesOf } from './inventory-selectors';
import { LinksTable } from './links-table';
import { useDeleteActions } from './use-delete-actions';

export function ProjectDetail({ project }: { project: Project }) {
  const t = useT();
  const tree = useInventoryStore((s) => s.tree);
  const open = useModalStore((s) => s.open);
  const select = useUiStore((s) => s.select);
  const del = useDeleteActions();
  const envs = envsOf(tree, project.id);
  return (
    <div className="detail" data-testid="project-detail">
      <DetailHeader
        kindLabel={t('kind.project')}
        title={project.name}
        subtitle={project.description || undefined}
        actions={
          <>
            <button type="button" className="btn" data-testid="edit-project" onClick={() => open({ kind: 'project', id: project.id })}>
              {t('common.edit')}
            </button>
            <button type="button" className="btn btn-danger-quiet" data-testid="delete-project" onClick={() => del.project(project)}>
              {t('common.delete')}
            </button>
          </>
        }
      />
      <Section
        title={t('env.plural')}
        actions={
          <button type="button" className="btn btn-small" data-testid="add-environment" onClick={() => open({ kind: 'environment', projectId: project.id })}>
            + {t('env.add')}
          </button>
        }
      >
        <table className="table">
          <thead>
            <tr>
              <th>{t('field.name')}</th>
              <th>{t('field.envKind')}</th>
              <th className="num">{t('host.plural')}</th>
              <th className="num">{t('service.plural')}</th>
            </tr>
          </thead>
          <tbody>
            {envs.length === 0 && <EmptyRow colSpan={4} text={t('env.none')} />}
            {envs.map((e) => (
              <tr key={e.id}>
                <td>
                  <button type="button" className="link-btn" data-testid={`env-row-${e.name}`} onClick={() => select({ type: 'environment', id: e.id })}>
                    {e.name}
                  </button>
                </td>
                <td>
                  <EnvBadge kind={e.kind} />
                </td>
                <td className="num">{hostsOf(tree, e.id).length}</td>
                <td className="num">{servicesOf(tree, e.id).length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Section
        title={t('link.plural')}
        testId="project-links"
        actions={
          <button type="button" className="btn btn-small" data-testid="add-link" onClick={() => open({ kind: 'link', projectId: project.id })}>
            + {t('link.add')}
          </button>
        }
      >
        <LinksTable links={linksOfProject(tree, project.id)} />
      </Section>
    </div>
  );
}
