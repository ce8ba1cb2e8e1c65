/**
 * "Image compression": the project file's "optimize" (PNG mode, JPEG quality, globs never
 * compressed). Saved whole through updateProject; the engine validates it and refuses a bad value
 * naming the field (optimize.jpeg), shown under that field. The saving shown is the report's.
 */
import type { OptimizeSettings } from '../../../../shared/optimize.js';
import { notSaved } from '../../i18n/i18n.js';
import { useT } from '../../i18n/use-t.js';
import { useProject } from '../../stores/context.js';
import { formatBytes } from '../format.js';
import { Select } from './controls.js';
import { Field } from './field.js';
import { TextSetting, linesToList } from './text-setting.js';

type Optimize = Readonly<Record<string, unknown>>;

/** The setting with one key set, or removed when emptied ({} compresses nothing). */
export function withOptimize(current: Optimize, key: keyof OptimizeSettings, value: unknown): Record<string, unknown> {
  const next: Record<string, unknown> = { ...current };
  const empty = value === '' || (Array.isArray(value) && value.length === 0);
  if (empty) delete next[key];
  else next[key] = value;
  return next;
}

/** Digits are a quality (a number in the file); anything else is sent as typed, for the engine to refuse by name. */
export function qualityOf(text: string): number | string {
  const value = text.trim();
  return /^\d+$/.test(value) ? Number(value) : value;
}

export function OptimizeSettingsSection() {
  const t = useT();
  const saved = useProject((s) => s.project?.projectFile.optimize) as Optimize | undefined;
  const pending = useProject((s) => s.pending.optimize) as Optimize | undefined;
  const summary = useProject((s) => s.project?.report?.optimize);
  const update = useProject((s) => s.update);
  const fieldErrors = useProject((s) => s.fieldErrors);
  const current: Optimize = pending ?? saved ?? {};
  const refused = (key: string) => (fieldErrors[key] ? [{ severity: 'error' as const, text: notSaved(t, fieldErrors[key]) }] : []);
  // Under the section: a refusal not pinned to one of its fields (an unknown key), or to one pattern of the list.
  const fields = ['optimize.png', 'optimize.jpeg', 'optimize.exclude'];
  const pinned = Object.keys(fieldErrors).some((key) => key.startsWith('optimize.'));
  const sectionErrors = Object.entries(fieldErrors).filter(([key]) => (key === 'optimize' && !pinned) || (key.startsWith('optimize.') && !fields.includes(key)));
  const png = typeof saved?.png === 'string' ? saved.png : '';
  const jpeg = saved?.jpeg === undefined ? '' : String(saved.jpeg);
  const exclude = Array.isArray(saved?.exclude) ? (saved.exclude as unknown[]).map(String).join('\n') : '';

  return (
    <fieldset className="budgets optimize" aria-label="Image compression">
      <legend className="budgets-title">{t('optimize')}</legend>
      <p className="hint">{t('optimizeHint')}</p>
      {sectionErrors.map(([key, message]) => (
        <p key={key} className="field-error" role="alert">
          {notSaved(t, message)}
        </p>
      ))}
      {summary && (
        <p className={`optimize-summary${summary.files > 0 ? "" : " muted"}`} data-testid="optimize-summary">
          {summary.files > 0
            ? t('optimizeSaved', { saved: formatBytes(summary.savedBytes), n: summary.files, before: formatBytes(summary.originalBytes), after: formatBytes(summary.bytes) })
            : t('optimizeNothing')}
        </p>
      )}
      <div className="settings-grid">
        <Field id="setting-optimize-png" label={t('optimizePng')} messages={refused('optimize.png')}>
          <Select id="setting-optimize-png" ariaLabel="PNG compression" value={png} onChange={(value) => void update({ optimize: withOptimize(current, 'png', value) as OptimizeSettings })}>
            <option value="">{t('optimizePngOff')}</option>
            <option value="lossless">{t('optimizePngLossless')}</option>
            <option value="palette">{t('optimizePngPalette')}</option>
          </Select>
        </Field>
        <TextSetting
          id="setting-optimize-jpeg"
          label={t('optimizeJpeg')}
          ariaLabel="JPEG quality"
          hint={t('optimizeJpegHint')}
          placeholder="80"
          value={jpeg}
          toPatch={(text) => ({ optimize: withOptimize(current, 'jpeg', qualityOf(text)) as OptimizeSettings })}
          messages={refused('optimize.jpeg')}
        />
        <TextSetting
          id="setting-optimize-exclude"
          label={t('optimizeExclude')}
          ariaLabel="Never compress"
          hint={t('optimizeExcludeHint')}
          value={exclude}
          toPatch={(text) => ({ optimize: withOptimize(current, 'exclude', linesToList(text)) as OptimizeSettings })}
          messages={refused('optimize.exclude')}
          multiline
        />
      </div>
    </fieldset>
  );
}
