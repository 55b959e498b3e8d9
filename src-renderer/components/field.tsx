import type { ReactNode } from 'react';

interface FieldProps {
  label: string;
  /** The data-testid of the control inside; the error line gets `<testId>-error`. */
  testId: string;
  error?: string;
  hint?: string;
  children: ReactNode;
  wide?: boolean;
}

/** A labelled form control with its validation message right under it. */
export function Field({ label, testId, error, hint, children, wide }: FieldProps) {
  return (
    <label className={`field${wide ? ' field-wide' : ''}${error ? ' field-invalid' : ''}`}>
      <span className="field-label">{label}</span>
      {children}
      {hint && !error && <span className="field-hint">{hint}</span>}
      {error && (
        <span className="field-error" role="alert" data-testid={`${testId}-error`}>
          {error}
        </span>
      )}
    </label>
  );
}

interface FormErrorProps {
  messages: string[];
}

/** Errors that belong to no visible field. */
export function FormErrors({ messages }: FormErrorProps) {
  if (!messages.length) return null;
  return (
    <div className="form-errors" role="alert" data-testid="form-error">
      {messages.map((m, i) => (
        <div key={i}>{m}</div>
      ))}
    </div>
  );
}
