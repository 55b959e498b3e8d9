import { LOG_LINE_MAX_CHARS } from '../../../src-main/contract';
import { useT } from '../../i18n';
import { notify, reportError } from '../../stores/toast-store';
import { toPieces } from './display-text';
import { clockTime, type SourceLook } from './log-row';
import type { LineRow } from './log-view-model';
import { useNum } from './use-num';

/**
 * The whole of one line (up to the core's limit), wrapped, as text nodes; copy puts the
 * original text (not the stand-ins) on the clipboard. Says how many bytes the core did not
 * send when the line was longer than LOG_LINE_MAX_CHARS.
 */
export function LogLineDetail({ row, source, onClose }: { row: LineRow; source: SourceLook | undefined; onClose(): void }) {
  const t = useT();
  const num = useNum();
  const l = row.line;
  async function copy() {
    try {
      await navigator.clipboard.writeText(l.text);
      notify(t('logs.lineCopied'));
    } catch (e) {
      reportError(e);
    }
  }
  return (
    <section className="log-detail" data-testid="log-detail" aria-label={t('logs.detailTitle')}>
      <div className="log-detail-head">
        <strong>{t('logs.detailTitle')}</strong>
        <span className="muted small mono">
          {clockTime(l.ts)} · {source?.label ?? l.sourceKey} · {t('logs.detailChars', { n: num(l.text.length) })}
        </span>
        {l.truncatedBytes > 0 && (
          <span className="warn-text small" data-testid="log-detail-cut">
            {t('logs.cutBytes', { n: num(l.truncatedBytes), max: num(LOG_LINE_MAX_CHARS) })}
          </span>
        )}
        <span className="logs-spacer" />
        <button type="button" className="btn btn-small" data-testid="log-detail-copy" onClick={() => void copy()}>
          {t('logs.copyLine')}
        </button>
        <button type="button" className="btn btn-small" data-testid="log-detail-close" onClick={onClose}>
          {t('logs.detailClose')}
        </button>
      </div>
      <pre className="log-detail-text" data-testid="log-detail-text">
        {toPieces(l.text).map((p, i) => (p.special ? <span key={i} className="log-ctl">{p.text}</span> : p.text))}
      </pre>
    </section>
  );
}
