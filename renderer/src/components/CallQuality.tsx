// Live call quality in the softphone bar: estimated MOS, RTT, jitter and loss, and a warning the operator
// notices (and a screen reader announces) when the network hurts the call. Runs in Chromium.
import { useTranslation } from 'react-i18next';
import { useCallQuality } from '../softphone/useCallQuality.js';

export function CallQuality({ callId }: { callId: string }) {
  const { t, i18n } = useTranslation();
  const sample = useCallQuality(callId);
  if (!sample) return null;
  const number = (value: number, digits = 0) =>
    new Intl.NumberFormat(i18n.language, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
  return (
    <div className="call-quality" data-poor={sample.poor}>
      <p className="call-quality-figures">
        <abbr title={t('quality.mosTitle')}>{t('quality.mos')}</abbr> {number(sample.mos, 1)}
        {sample.rttMs !== null && <> · {t('quality.rtt', { value: number(sample.rttMs) })}</>}
        {sample.jitterMs !== null && <> · {t('quality.jitter', { value: number(sample.jitterMs) })}</>} ·{' '}
        {t('quality.loss', { value: number(sample.lossPercent, 1) })}
      </p>
      {sample.poor && (
        <p className="call-note call-quality-warning" role="status">
          {t('quality.poor')}
        </p>
      )}
    </div>
  );
}
