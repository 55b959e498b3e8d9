/** 0–100 with the current step; the number is in the text too, not only in the width. */
export function ProgressBar({ value, step, testId }: { value: number; step?: string; testId?: string }) {
  const v = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div className="progress" data-testid={testId}>
      <div className="progress-track" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={v}>
        <div className="progress-fill" style={{ width: `${v}%` }} />
      </div>
      <span className="progress-text">
        <span className="mono">{v}%</span>
        {step && <span className="progress-step" data-testid={testId ? `${testId}-step` : undefined}>{step}</span>}
      </span>
    </div>
  );
}
