// "Import and export customers": a CSV sent to core in chunks and imported (whole file or nothing) with a progress
// bar — cancellable while sending and while core checks the rows — then the outcome as text with the first bad
// rows and the full error report to download; and an export (customers or calls and notes; CSV, CSV for Turkish
// Excel, XLSX) that core writes — cancellable with its button or Escape — and the page downloads (Electron: the
// system's save dialog). Runs in Chromium.
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { events } from '../../../electron/shared/ipc/contract.js';
import {
  exportFormats,
  exportKinds,
  type Download,
  type ExportFormat,
  type ExportKind,
  type ImportSummaryView,
} from '../../../electron/shared/ipc/customerFiles.js';
import type { CommandError } from '../../../electron/shared/ipc/result.js';
import { useAgentDesk, useBridge } from '../bridge/BridgeContext.js';
import { formatNumber } from '../i18n/format.js';
import { useLocale } from '../i18n/LocaleContext.js';
import { deliverDownload, uploadFile } from './customerFileTransfer.js';
import { Dialog } from './Dialog.js';
import { useErrorText } from './useErrorText.js';

type FileProgress = ReturnType<(typeof events)['customers:fileProgress']['parse']>;

/** Progress events of one transfer (an upload id, or the id this page gave an export); null before the first. */
function useFileProgress(transferId: string | null): FileProgress | null {
  const api = useAgentDesk();
  const [progress, setProgress] = useState<FileProgress | null>(null);
  useEffect(() => {
    if (transferId === null) return;
    return api.events['customers:fileProgress']((payload) => {
      const checked = events['customers:fileProgress'].safeParse(payload);
      if (checked.success && checked.data.transferId === transferId) setProgress(checked.data);
    });
  }, [api, transferId]);
  // The last report of an earlier transfer is not this one's.
  return progress?.transferId === transferId ? progress : null;
}

export function CustomerFilesDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog title={t('customers.files.title')} onClose={onClose} className="customer-files-dialog">
      <ImportSection />
      <ExportSection />
    </Dialog>
  );
}

// ---- import ----

type ImportStep =
  | { step: 'idle' }
  | { step: 'sending'; uploadId: string | null; sent: number; total: number }
  | { step: 'importing'; uploadId: string }
  | { step: 'done'; summary: ImportSummaryView }
  | { step: 'failed'; error: CommandError };

function ImportSection() {
  const { t } = useTranslation();
  const api = useAgentDesk();
  const errorText = useErrorText();
  const headingId = useId();
  const fileId = useId();
  const dryRunId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(false);
  const [state, setState] = useState<ImportStep>({ step: 'idle' });
  const sending = useRef<AbortController | null>(null);
  const progress = useFileProgress(state.step === 'importing' ? state.uploadId : null);
  const busy = state.step === 'sending' || state.step === 'importing';

  // Closing the dialog mid-upload stops it; core deletes what it received.
  useEffect(() => () => sending.current?.abort(), []);

  const start = async (event: FormEvent) => {
    event.preventDefault();
    if (!file || busy) return;
    const controller = new AbortController();
    sending.current = controller;
    setState({ step: 'sending', uploadId: null, sent: 0, total: file.size });
    const uploaded = await uploadFile(api, file, {
      signal: controller.signal,
      onProgress: ({ uploadId, sent, total }) => setState({ step: 'sending', uploadId, sent, total }),
    });
    sending.current = null;
    if (!uploaded.ok) {
      setState('cancelled' in uploaded ? { step: 'idle' } : { step: 'failed', error: uploaded.error });
      return;
    }
    const { uploadId } = uploaded.value;
    setState({ step: 'importing', uploadId });
    const result = await api.commands['customers:importRun']({ uploadId, ...(dryRun ? { dryRun: true } : {}) });
    setState(result.ok ? { step: 'done', summary: result.value } : { step: 'failed', error: result.error });
  };

  const cancel = () => {
    if (state.step === 'sending') sending.current?.abort();
    else if (state.step === 'importing') void api.commands['customers:importCancel']({ uploadId: state.uploadId });
  };
  // The write pass is one transaction that core runs in one go: there is nothing to interrupt.
  const cancellable =
    state.step === 'sending' || (state.step === 'importing' && progress?.phase !== 'writing' && progress?.phase !== 'indexing');

  return (
    <section className="customer-files-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('customers.files.importHeading')}</h3>
      <p className="customer-files-help">{t('customers.files.importHelp')}</p>
      <form className="customer-files-form" onSubmit={(event) => void start(event)}>
        <label htmlFor={fileId}>{t('customers.files.file')}</label>
        <input
          id={fileId}
          type="file"
          accept=".csv,text/csv"
          disabled={busy}
          onChange={(event) => {
            setFile(event.target.files?.[0] ?? null);
            if (!busy) setState({ step: 'idle' });
          }}
        />
        <label className="customer-files-check" htmlFor={dryRunId}>
          <input
            id={dryRunId}
            type="checkbox"
            checked={dryRun}
            disabled={busy}
            onChange={(event) => setDryRun(event.target.checked)}
          />
          {t('customers.files.dryRun')}
        </label>
        <div className="customer-files-actions">
          <button type="submit" disabled={!file || busy}>
            {dryRun ? t('customers.files.check') : t('customers.files.import')}
          </button>
          {busy && (
            <button type="button" onClick={cancel} disabled={!cancellable}>
              {t('customers.files.cancel')}
            </button>
          )}
        </div>
      </form>
      {state.step === 'sending' && <SendingProgress sent={state.sent} total={state.total} />}
      {state.step === 'importing' && <ImportProgress progress={progress} />}
      {state.step === 'importing' && !cancellable && (
        <p className="customer-files-help">{t('customers.files.cannotCancelWriting')}</p>
      )}
      {state.step === 'failed' && (
        <p role="alert" className="customer-files-error">
          {errorText(state.error)}
        </p>
      )}
      {state.step === 'done' && <ImportOutcome summary={state.summary} />}
    </section>
  );
}

function ProgressBar({ label, value, max }: { label: string; value?: number; max?: number }) {
  const labelId = useId();
  return (
    <div className="customer-files-progress">
      {/* Without a value the bar is indeterminate: core is still counting the rows. */}
      <progress aria-labelledby={labelId} {...(value !== undefined && max ? { value, max } : {})} />
      <p id={labelId} role="status">
        {label}
      </p>
    </div>
  );
}

function usePercent(): (done: number, total: number) => string {
  const { locale } = useLocale();
  return (done, total) => formatNumber(total > 0 ? Math.min(1, done / total) : 0, locale, { style: 'percent' });
}

function SendingProgress({ sent, total }: { sent: number; total: number }) {
  const { t } = useTranslation();
  const percent = usePercent();
  return <ProgressBar label={t('customers.files.sending', { percent: percent(sent, total) })} value={sent} max={total} />;
}

function ImportProgress({ progress }: { progress: FileProgress | null }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const number = (n: number) => formatNumber(n, locale);
  if (!progress) return <ProgressBar label={t('customers.files.starting')} />;
  if (progress.phase === 'checking') {
    return (
      <ProgressBar
        label={t('customers.files.checking', { rows: number(progress.rowsDone) })}
        {...(progress.bytesDone !== undefined && progress.bytesTotal
          ? { value: progress.bytesDone, max: progress.bytesTotal }
          : {})}
      />
    );
  }
  if (progress.phase === 'indexing') return <ProgressBar label={t('customers.files.indexing')} />;
  const total = progress.rowsTotal ?? 0;
  return (
    <ProgressBar
      label={t('customers.files.writing', { rows: number(progress.rowsDone), total: number(total) })}
      value={progress.rowsDone}
      max={total}
    />
  );
}

function ImportOutcome({ summary }: { summary: ImportSummaryView }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const api = useAgentDesk();
  const { mode } = useBridge();
  const errorText = useErrorText();
  const [reportError, setReportError] = useState<CommandError | null>(null);
  const number = (n: number) => formatNumber(n, locale);
  const counts = {
    file: summary.fileName,
    rows: number(summary.rows),
    created: number(summary.created),
    updated: number(summary.updated),
    unchanged: number(summary.unchanged),
  };
  const refusedReason = summary.refused
    ? {
        unreadable: t('customers.files.refused.unreadable'),
        utf16: t('customers.files.refused.utf16'),
        'invalid-utf8': t('customers.files.refused.invalidUtf8'),
        binary: t('customers.files.refused.binary'),
        header: t('customers.files.refused.header'),
      }[summary.refused]
    : '';
  const headline = summary.refused
    ? t('customers.files.result.refused', { file: summary.fileName, reason: refusedReason })
    : summary.cancelled
      ? t('customers.files.result.cancelled')
      : summary.errorCount > 0
        ? t('customers.files.result.failed', { count: summary.errorCount, errors: number(summary.errorCount), rows: counts.rows })
        : summary.dryRun
          ? t('customers.files.result.dryRun', counts)
          : t('customers.files.result.imported', counts);
  const report = summary.report;

  return (
    <div className="customer-files-outcome" data-imported={summary.imported}>
      <p role="status">{headline}</p>
      {summary.refused && <p className="customer-files-help">{t('customers.files.details', { message: summary.message })}</p>}
      {summary.ignoredColumns.length > 0 && (
        <p>{t('customers.files.ignoredColumns', { columns: summary.ignoredColumns.join(', ') })}</p>
      )}
      {summary.formulaCells > 0 && (
        <p>{t('customers.files.formulaCells', { count: summary.formulaCells, cells: number(summary.formulaCells) })}</p>
      )}
      {summary.errors.length > 0 && (
        <>
          {summary.errorCount > summary.errors.length && (
            <p>
              {t('customers.files.errorsShown', { shown: number(summary.errors.length), errors: number(summary.errorCount) })}
            </p>
          )}
          <table className="customer-files-errors">
            <caption className="visually-hidden">{t('customers.files.errorsHeading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('customers.files.row')}</th>
                <th scope="col">{t('customers.files.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {summary.errors.map((error) => (
                <tr key={`${error.row}:${error.line}`}>
                  <td>{number(error.row)}</td>
                  <td>{error.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {report && (
        <button
          type="button"
          onClick={() =>
            void deliverDownload(api, mode, report, () => undefined, { discard: false }).then((result) =>
              setReportError(result.ok ? null : result.error),
            )
          }
        >
          {t('customers.files.downloadReport')}
        </button>
      )}
      {reportError && <p role="alert">{errorText(reportError)}</p>}
    </div>
  );
}

// ---- export ----

type ExportStep =
  | { step: 'idle' }
  | { step: 'exporting'; progressId: string; cancelling: boolean }
  | { step: 'downloading'; download: Download; received: number }
  | { step: 'done'; download: Download; saved: boolean }
  | { step: 'cancelled' }
  | { step: 'failed'; error: CommandError };

let exportCount = 0;

function ExportSection() {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const api = useAgentDesk();
  const { mode } = useBridge();
  const errorText = useErrorText();
  const percent = usePercent();
  const headingId = useId();
  const [kind, setKind] = useState<ExportKind>('customers');
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [state, setState] = useState<ExportStep>({ step: 'idle' });
  const progress = useFileProgress(state.step === 'exporting' ? state.progressId : null);
  const busy = state.step === 'exporting' || state.step === 'downloading';
  const number = (n: number) => formatNumber(n, locale);
  const exportButton = useRef<HTMLButtonElement>(null);
  /** The tag of the export core is writing now, for a cancel from Escape or from closing the dialog. */
  const running = useRef<string | null>(null);

  const cancel = useCallback(() => {
    if (state.step !== 'exporting' || state.cancelling) return;
    setState({ ...state, cancelling: true });
    // Core answers customers:export with `cancelled` (or, if it had just finished, with the file as usual).
    void api.commands['customers:exportCancel']({ progressId: state.progressId });
  }, [api, state]);

  // Escape stops a running export instead of closing the dialog (preventDefault keeps the <dialog> open).
  const exporting = state.step === 'exporting';
  useEffect(() => {
    if (!exporting) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      cancel();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [exporting, cancel]);

  // Closing the dialog mid-export stops it: nobody is left to download the file.
  useEffect(
    () => () => {
      if (running.current !== null) void api.commands['customers:exportCancel']({ progressId: running.current });
    },
    [api],
  );

  // The Cancel button is gone once the export stopped: keyboard focus goes back to Export.
  useEffect(() => {
    if (state.step === 'cancelled') exportButton.current?.focus();
  }, [state.step]);

  const kindLabels: Record<ExportKind, string> = {
    customers: t('customers.files.kind.customers'),
    interactions: t('customers.files.kind.interactions'),
  };
  const formatLabels: Record<ExportFormat, string> = {
    csv: t('customers.files.format.csv'),
    csvExcel: t('customers.files.format.csvExcel'),
    xlsx: t('customers.files.format.xlsx'),
  };

  const start = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const progressId = `export-${Date.now()}-${++exportCount}`;
    setState({ step: 'exporting', progressId, cancelling: false });
    running.current = progressId;
    const written = await api.commands['customers:export']({ kind, format, progressId });
    running.current = null;
    if (!written.ok) return setState({ step: 'failed', error: written.error });
    if ('cancelled' in written.value) return setState({ step: 'cancelled' });
    const download = written.value;
    setState({ step: 'downloading', download, received: 0 });
    const delivered = await deliverDownload(
      api,
      mode,
      download,
      (received) => setState({ step: 'downloading', download, received }),
      {
        discard: true,
      },
    );
    setState(delivered.ok ? { step: 'done', download, saved: delivered.value } : { step: 'failed', error: delivered.error });
  };

  return (
    <section className="customer-files-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('customers.files.exportHeading')}</h3>
      <form className="customer-files-form" onSubmit={(event) => void start(event)}>
        <fieldset disabled={busy}>
          <legend>{t('customers.files.exportWhat')}</legend>
          {exportKinds.map((value) => (
            <label key={value} className="customer-files-check">
              <input type="radio" name="export-kind" value={value} checked={kind === value} onChange={() => setKind(value)} />
              {kindLabels[value]}
            </label>
          ))}
        </fieldset>
        <fieldset disabled={busy}>
          <legend>{t('customers.files.exportFormat')}</legend>
          {exportFormats.map((value) => (
            <label key={value} className="customer-files-check">
              <input
                type="radio"
                name="export-format"
                value={value}
                checked={format === value}
                onChange={() => setFormat(value)}
              />
              {formatLabels[value]}
            </label>
          ))}
        </fieldset>
        <div className="customer-files-actions">
          <button type="submit" ref={exportButton} disabled={busy}>
            {t('customers.files.export')}
          </button>
          {state.step === 'exporting' && (
            <button type="button" onClick={cancel} disabled={state.cancelling} aria-keyshortcuts="Escape">
              {t('customers.files.cancelExport')}
            </button>
          )}
        </div>
      </form>
      {state.step === 'exporting' && (
        <ProgressBar
          label={t('customers.files.exporting', {
            rows: number(progress?.rowsDone ?? 0),
            total: number(progress?.rowsTotal ?? 0),
          })}
          {...(progress?.rowsTotal ? { value: progress.rowsDone, max: progress.rowsTotal } : {})}
        />
      )}
      {state.step === 'downloading' && (
        <ProgressBar
          label={t('customers.files.downloading', { percent: percent(state.received, state.download.bytes) })}
          value={state.received}
          max={state.download.bytes}
        />
      )}
      {state.step === 'done' && (
        <p role="status">
          {state.saved
            ? t('customers.files.exported', {
                count: state.download.rows,
                rows: number(state.download.rows),
                file: state.download.fileName,
              })
            : t('customers.files.notSaved')}
        </p>
      )}
      {state.step === 'cancelled' && <p role="status">{t('customers.files.exportCancelled')}</p>}
      {state.step === 'failed' && (
        <p role="alert" className="customer-files-error">
          {errorText(state.error)}
        </p>
      )}
    </section>
  );
}
