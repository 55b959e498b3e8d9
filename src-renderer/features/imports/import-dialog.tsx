import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ImportFileInput, ImportPreviewOutput, MergeSummary } from '../../../src-main/contract';
import { call } from '../../api/client';
import { Modal } from '../../components/modal';
import { useT } from '../../i18n';
import { useInventoryStore } from '../../stores/inventory-store';
import { notify, reportError } from '../../stores/toast-store';
import { useUiStore } from '../../stores/ui-store';
import { useTopologyView } from '../topology/topology-store';
import { DraftReview } from './draft-review';
import { ImportTargetFields, useImportTarget } from './import-target';
import { useImportDialog } from './import-store';
import { readPickedFiles, type PickedFiles } from './read-picked-files';

/**
 * Import: pick files or a folder, choose the target (a project and environment, or a new
 * project), see what would be added or changed, tick what to keep, apply. The core parses the
 * files again on apply; nothing is written before that.
 */
export function ImportDialog() {
  const t = useT();
  const hide = useImportDialog((s) => s.hide);
  const initialProject = useImportDialog((s) => s.projectId);
  const [picked, setPicked] = useState<PickedFiles | null>(null);
  const targetState = useImportTarget(initialProject);
  const { projectId, setNewName, target } = targetState;
  const [preview, setPreview] = useState<ImportPreviewOutput | null>(null);
  const [selection, setSelection] = useState<string[]>([]);
  const [busy, setBusy] = useState<'preview' | 'apply' | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const folderRef = useRef<HTMLInputElement>(null);

  // webkitdirectory is not in React's typings; set it on the element.
  useEffect(() => {
    folderRef.current?.setAttribute('webkitdirectory', '');
    folderRef.current?.setAttribute('directory', '');
  }, []);

  const files: ImportFileInput[] = useMemo(() => picked?.files ?? [], [picked]);

  const runPreview = useCallback(async () => {
    if (!files.length || !target) return;
    setBusy('preview');
    setPreviewError(null);
    try {
      const out = await call('import.preview', { files, target });
      setPreview(out);
      setSelection(out.plan.items.filter((i) => i.action !== 'unchanged' && i.entity !== 'environment').map((i) => i.key));
    } catch (e) {
      setPreview(null);
      setPreviewError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  }, [files, target]);

  // The preview follows the files and the target (debounced while typing a name).
  useEffect(() => {
    const timer = setTimeout(() => void runPreview(), 250);
    return () => clearTimeout(timer);
  }, [runPreview]);

  const nameTouched = useRef(false);

  async function onPick(list: FileList | null) {
    if (!list?.length) return;
    const read = await readPickedFiles([...list]);
    setPicked(read);
    if (!projectId && list[0]) {
      const rel = (list[0] as File & { webkitRelativePath?: string }).webkitRelativePath;
      const folder = rel?.includes('/') ? rel.split('/')[0]! : '';
      // The folder's name is only a suggestion: once the user has been in the name field (even
      // while the files were still being read) their name is kept, never merged with ours.
      if (folder && !nameTouched.current) setNewName(folder);
    }
  }

  async function apply() {
    if (!target || !preview) return;
    setBusy('apply');
    try {
      const sum: MergeSummary = await call('import.apply', { files, target, selectedKeys: selection });
      await useInventoryStore.getState().refresh();
      notify(
        t('imports.applied', {
          services: sum.added.services,
          links: sum.added.links,
          updated: sum.updated.services + sum.updated.hosts,
        }),
      );
      useTopologyView.getState().show(sum.projectId, sum.environmentId);
      useUiStore.getState().select({ type: 'project', id: sum.projectId });
      useUiStore.getState().go('topology');
      hide();
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(null);
    }
  }

  const hasErrors = (preview?.draft.errors.length ?? 0) > 0;
  const canApply = !!preview && selection.length > 0 && busy === null;

  return (
    <Modal
      title={t('imports.title')}
      testId="import-dialog"
      onClose={hide}
      wide
      footer={
        <>
          <button type="button" className="btn" data-testid="import-cancel" onClick={hide}>
            {t('common.cancel')}
          </button>
          <button type="button" className="btn btn-primary" data-testid="import-apply" disabled={!canApply} onClick={() => void apply()}>
            {busy === 'apply' ? t('imports.applying') : t('imports.apply', { n: selection.length })}
          </button>
        </>
      }
    >
      <div className="import-form">
        <div className="import-pick">
          <label className="btn">
            {t('imports.pickFiles')}
            <input type="file" multiple hidden data-testid="import-files" onChange={(e) => void onPick(e.target.files)} />
          </label>
          <label className="btn">
            {t('imports.pickFolder')}
            <input ref={folderRef} type="file" multiple hidden data-testid="import-folder" onChange={(e) => void onPick(e.target.files)} />
          </label>
          <span className="muted" data-testid="import-picked">
            {picked ? t('imports.picked', { n: picked.files.length }) : t('imports.formats')}
          </span>
        </div>
        {picked && picked.files.length > 0 && (
          <div className="import-file-list mono" data-testid="import-file-list">
            {picked.files.map((f) => f.path).join('  ·  ')}
          </div>
        )}
        {picked?.skipped.map((s) => (
          <div key={s.path} className="import-skipped" data-testid="import-skipped">
            {s.path}: {t(`imports.skipped.${s.reason}`)}
          </div>
        ))}
        <ImportTargetFields state={targetState} testIdPrefix="import" onNameEdit={() => (nameTouched.current = true)} />
        {busy === 'preview' && <p className="muted" data-testid="import-previewing">{t('imports.previewing')}</p>}
        {previewError && (
          <p className="form-errors" role="alert" data-testid="import-preview-error">
            {previewError}
          </p>
        )}
        {!picked && <p className="muted">{t('imports.pickFirst')}</p>}
        {picked && !target && <p className="muted">{t('imports.nameFirst')}</p>}
        {hasErrors && <p className="import-error-note" data-testid="import-has-errors">{t('imports.hasErrors')}</p>}
        {preview && <DraftReview draft={preview.draft} plan={preview.plan} selection={selection} onChange={setSelection} disabled={busy === 'apply'} />}
      </div>
    </Modal>
  );
}

/** Mounted once in the app shell: the dialog when it is open. */
export function ImportDialogHost() {
  const open = useImportDialog((s) => s.open);
  return open ? <ImportDialog /> : null;
}
