/** The centre's settings: every change goes straight to minigame-studio.json through the engine. */
import { useEffect, useRef } from 'react';
import { ORIENTATIONS } from '../../../../shared/platforms.js';
import { PLATFORMS, profilesFor, type Platform } from '../../../../shared/platforms.js';
import { notSaved } from '../../i18n/i18n.js';
import { useT } from '../../i18n/use-t.js';
import { useProject, useUi } from '../../stores/context.js';
import { problemsFor } from '../problem-targets.js';
import { AppIdSetting } from './appid-setting.js';
import { BudgetSettings } from './budget-settings.js';
import { OptimizeSettingsSection } from './optimize-settings.js';
import { Checkbox, Select } from './controls.js';
import { Field } from './field.js';
import { RemoteUrlSetting } from './remote-url.js';
import { TextSetting, linesToList } from './text-setting.js';

export function BuildPanel() {
  const t = useT();
  const project = useProject((s) => s.project);
  const update = useProject((s) => s.update);
  const fieldErrors = useProject((s) => s.fieldErrors);
  const focus = useUi((s) => s.focusSetting);
  const panel = useRef<HTMLElement>(null);

  // A problem link names a setting: scroll to it, put the cursor there, and flash it once.
  useEffect(() => {
    if (!focus) return;
    const field = document.querySelector<HTMLElement>(`[data-setting="setting-${focus.key}"]`);
    if (!field) return;
    field.scrollIntoView({ block: 'center' });
    field.querySelector<HTMLElement>('input, select, textarea')?.focus();
    field.classList.add('is-highlighted');
    const timer = setTimeout(() => field.classList.remove('is-highlighted'), 1600);
    return () => clearTimeout(timer);
  }, [focus]);

  if (!project) return null;
  const { effective, projectFile } = project;
  const platform = effective.platform;
  const problems = project.report?.problems ?? [];
  const refused = (key: string) => (fieldErrors[key] ? [{ severity: 'error' as const, text: notSaved(t, fieldErrors[key]) }] : []);
  const orientationLabel = (o: string) => (o in { portrait: 1, landscape: 1, landscapeLeft: 1, landscapeRight: 1 } ? t(o as 'portrait') : o);

  return (
    <section className="panel build-panel" aria-label="Build settings" ref={panel}>
      <h2 className="panel-title">{t('buildPanel')}</h2>
      <div className="settings-grid">
        <Field id="setting-platform" label={t('platform')} messages={refused('platform')}>
          <Select id="setting-platform" ariaLabel="Platform" value={platform} onChange={(p) => void update({ platform: p as Platform })}>
            {PLATFORMS.map((p) => (
              <option key={p} value={p}>
                {t(`platform_${p}`)}
              </option>
            ))}
          </Select>
        </Field>
        <AppIdSetting platform={platform} />
        <Field id="setting-orientation" label={t('orientation')} messages={refused('orientation')}>
          <Select
            id="setting-orientation"
            ariaLabel="Orientation"
            value={effective.orientation}
            onChange={(o) => void update({ orientation: o as (typeof ORIENTATIONS)[number] })}
          >
            {ORIENTATIONS.map((o) => (
              <option key={o} value={o}>
                {orientationLabel(o)}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="setting-profile" label={t('profile')} messages={refused('profile')}>
          <Select id="setting-profile" ariaLabel="Limit profile" value={effective.profile} onChange={(profile) => void update({ profile })}>
            {profilesFor(platform).map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <label className="check" data-setting="setting-md5">
        <Checkbox ariaLabel="MD5 Cache" checked={effective.md5Cache} onChange={(md5Cache) => void update({ md5Cache })} />
        <span>
          {t('md5Cache')}
          <span className="hint"> — {t('md5CacheHint')}</span>
        </span>
      </label>
      <RemoteUrlSetting />
      <div className="settings-grid">
        <TextSetting
          id="setting-keepInPackage"
          label={t('keepInPackage')}
          ariaLabel="Keep in package"
          hint={t('keepInPackageHint')}
          value={effective.keepInPackage.join('\n')}
          toPatch={(text) => ({ keepInPackage: linesToList(text) })}
          messages={[...refused('keepInPackage'), ...problemsFor(problems, 'keepInPackage').map((p) => ({ severity: p.severity, text: p.message }))]}
          multiline
        />
        <TextSetting
          id="setting-exclude"
          label={t('exclude')}
          ariaLabel="Exclude"
          hint={t('excludeHint')}
          value={effective.exclude.join('\n')}
          toPatch={(text) => ({ exclude: linesToList(text) })}
          messages={[...refused('exclude'), ...problemsFor(problems, 'exclude').map((p) => ({ severity: p.severity, text: p.message }))]}
          multiline
        />
      </div>
      <TextSetting
        key={`out-${platform}`}
        id="setting-outDir"
        label={t('outDir')}
        ariaLabel="Output folder"
        value={effective.outDir}
        toPatch={(dir) => ({ outDir: { ...projectFile.outDir, [platform]: dir.trim() } })}
        messages={[...refused('outDir'), ...problemsFor(problems, 'outDir').map((p) => ({ severity: p.severity, text: p.message }))]}
      />
      <BudgetSettings />
      <OptimizeSettingsSection />
    </section>
  );
}
