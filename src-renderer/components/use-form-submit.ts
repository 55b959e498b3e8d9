import { useState } from 'react';
import { isAppError } from '../../src-main/contract';
import { useT } from '../i18n';
import { issuesOf, translateIssue } from '../i18n/validation';
import { reportError } from '../stores/toast-store';

export type FieldErrors = Record<string, string>;

/** Finds the field an issue belongs to: exact path, else the longest known prefix. */
function fieldFor(path: string, known: readonly string[]): string | null {
  let best: string | null = null;
  for (const k of known) {
    if ((path === k || path.startsWith(`${k}.`)) && (!best || k.length > best.length)) best = k;
  }
  return best;
}

/**
 * Runs a form's save: VALIDATION errors from the core land next to their fields (by issue
 * path), anything else becomes a toast with the core's message and hint.
 */
export function useFormSubmit(knownPaths: readonly string[]) {
  const t = useT();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<void>): Promise<boolean> {
    setBusy(true);
    setErrors({});
    setFormErrors([]);
    try {
      await action();
      return true;
    } catch (e) {
      const issues = isAppError(e) && e.code === 'VALIDATION' ? issuesOf(e.details) : [];
      if (!issues.length) {
        if (isAppError(e) && e.code === 'VALIDATION') setFormErrors([e.message]);
        else reportError(e);
        return false;
      }
      const fields: FieldErrors = {};
      const loose: string[] = [];
      for (const issue of issues) {
        const text = translateIssue(issue, t);
        const field = fieldFor(issue.path, knownPaths);
        if (field) fields[field] ??= text;
        else loose.push(issue.path ? `${issue.path}: ${text}` : text);
      }
      setErrors(fields);
      setFormErrors(loose);
      // Bring the first rejected field into view, ready to correct.
      requestAnimationFrame(() => {
        document
          .querySelector<HTMLElement>('[role=dialog] .field-invalid :is(input, select, textarea)')
          ?.focus();
      });
      return false;
    } finally {
      setBusy(false);
    }
  }

  return { errors, formErrors, busy, run, setErrors };
}
