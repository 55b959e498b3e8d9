import { ConfirmDialog } from '../../components/confirm-dialog';
import { useModalStore } from '../../stores/modal-store';
import { CredentialForm } from './credential-form';
import { EnvironmentForm } from './environment-form';
import { HostForm } from './host-form';
import { LinkForm } from './link-form';
import { ProjectForm } from './project-form';
import { ServiceForm } from './service-form';

/** Renders whichever inventory form is open; keyed so each opening starts from a clean state. */
export function ModalHost() {
  const m = useModalStore((s) => s.modal);
  const key = m ? JSON.stringify(m) : 'none';
  return (
    <>
      {m?.kind === 'project' && <ProjectForm key={key} id={m.id} />}
      {m?.kind === 'environment' && <EnvironmentForm key={key} projectId={m.projectId} id={m.id} />}
      {m?.kind === 'host' && <HostForm key={key} environmentId={m.environmentId} id={m.id} />}
      {m?.kind === 'service' && <ServiceForm key={key} environmentId={m.environmentId} id={m.id} hostId={m.hostId} />}
      {m?.kind === 'link' && <LinkForm key={key} projectId={m.projectId} fromServiceId={m.fromServiceId} />}
      {m?.kind === 'credential' && <CredentialForm key={key} id={m.id} />}
      <ConfirmDialog />
    </>
  );
}
