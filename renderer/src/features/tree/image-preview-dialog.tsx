/** Before/after of one image: both pictures and their bytes, as the engine encodes it for the build. */
import type { OptimizeMode } from '../../../../shared/optimize.js';
import { useT } from '../../i18n/use-t.js';
import { usePreview } from '../../stores/context.js';
import { Dialog } from '../dialog.js';
import { formatBytes } from '../format.js';

const MODE_KEYS: Record<OptimizeMode, 'mode_png_lossless' | 'mode_png_palette' | 'mode_jpeg'> = {
  'png-lossless': 'mode_png_lossless',
  'png-palette': 'mode_png_palette',
  jpeg: 'mode_jpeg',
};

export function ImagePreviewDialog() {
  const t = useT();
  const path = usePreview((s) => s.path);
  const preview = usePreview((s) => s.preview);
  const error = usePreview((s) => s.error);
  const close = usePreview((s) => s.close);
  if (path === null) return null;
  return (
    <Dialog
      label="Image preview"
      title={t('previewTitle', { path })}
      onClose={close}
      footer={
        <button type="button" className="primary" onClick={close}>
          {t('close')}
        </button>
      }
    >
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {!preview && !error && <p className="muted">{t('previewLoading')}</p>}
      {preview && (
        <div className="image-preview">
          <p className="image-preview-verdict" data-testid="preview-verdict">
            {preview.mode ? t('previewSaved', { size: formatBytes(preview.savedBytes), mode: t(MODE_KEYS[preview.mode]) }) : t('previewOriginal', { reason: preview.reason ?? '' })}
          </p>
          <div className="image-preview-pair">
            <figure>
              <img src={preview.before} alt={`${path} before compression`} />
              <figcaption>{t('previewBefore', { size: formatBytes(preview.beforeBytes) })}</figcaption>
            </figure>
            <figure>
              <img src={preview.after} alt={`${path} as shipped`} />
              <figcaption>{t('previewAfter', { size: formatBytes(preview.afterBytes) })}</figcaption>
            </figure>
          </div>
        </div>
      )}
    </Dialog>
  );
}
