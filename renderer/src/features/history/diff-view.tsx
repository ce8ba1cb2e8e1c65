/** The diff of two builds as the engine computed it: packages, then files; a file's row leads to it in the tree. */
import type { BuildDiff, FileChange } from '../../../../shared/history.js';
import { useT } from '../../i18n/use-t.js';
import { useUi } from '../../stores/context.js';
import { formatBytes } from '../format.js';

const size = (bytes: number | null): string => (bytes === null ? '—' : formatBytes(bytes));
const signed = (delta: number): string => (delta === 0 ? '0 B' : `${delta > 0 ? '+' : '−'}${formatBytes(Math.abs(delta))}`);

export function DiffView({ diff, numberOf }: { readonly diff: BuildDiff; readonly numberOf: (id: string | null) => number }) {
  const t = useT();
  const selectPath = useUi((s) => s.selectPath);
  const close = useUi((s) => s.closeDialog);
  const sections: [keyof BuildDiff['files'], string][] = [
    ['added', t('diffAdded')],
    ['removed', t('diffRemoved')],
    ['grown', t('diffGrown')],
    ['shrunk', t('diffShrunk')],
  ];
  const anyFile = sections.some(([key]) => diff.files[key].length > 0);
  const row = (file: FileChange, inTree: boolean) => (
    <li key={`${file.package}:${file.path}`} data-file={file.path}>
      {inTree ? (
        <button
          type="button"
          className="link"
          onClick={() => {
            selectPath(file.path);
            close();
          }}
        >
          {file.path}
        </button>
      ) : (
        <span>{file.path}</span>
      )}{' '}
      <span className="muted">[{file.package}]</span> <span className="diff-delta">{signed(file.delta)}</span>
    </li>
  );
  return (
    <section className="history-diff" aria-label="Build diff">
      <h3>{t('diffTitle', { a: numberOf(diff.before.id), b: numberOf(diff.after.id) })}</h3>
      <table className="diff-table">
        <thead>
          <tr>
            <th>{t('diffPackage')}</th>
            <th>{t('diffBefore')}</th>
            <th>{t('diffAfter')}</th>
            <th>{t('diffChange')}</th>
          </tr>
        </thead>
        <tbody>
          {diff.packages.map((pkg) => (
            <tr key={pkg.name} data-package={pkg.name}>
              <td>{pkg.name}</td>
              <td>{size(pkg.before)}</td>
              <td>{size(pkg.after)}</td>
              <td className={pkg.delta > 0 ? 'diff-grew' : undefined}>{signed(pkg.delta)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!anyFile && <p className="muted">{t('diffNoFileChanges')}</p>}
      {sections.map(([key, title]) =>
        diff.files[key].length === 0 ? null : (
          <div key={key} aria-label={title} role="group">
            <h4>
              {title} ({diff.files[key].length})
            </h4>
            <ul className="diff-files">{diff.files[key].map((file) => row(file, key !== 'removed' && file.package !== 'remote'))}</ul>
          </div>
        ),
      )}
    </section>
  );
}
