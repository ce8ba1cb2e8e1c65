/**
 * Each package's size over the builds (uPlot), with its platform limit and its budget as dashed
 * lines in the package's colour. A log scale, so a 300 B subpackage and a 4 MiB limit both read.
 * Clicking a point picks that build.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { HistoryPoint } from '../../../../shared/history.js';
import { formatBytes } from '../format.js';
import { packageColour } from '../package-colors.js';

interface Props {
  readonly points: readonly HistoryPoint[];
  readonly subpackageNames: readonly string[];
  readonly labels: { readonly limit: string; readonly budget: string; readonly build: (n: number) => string };
  readonly onPick: (id: string) => void;
}

const positive = (bytes: number | null | undefined): number | null => (bytes && bytes > 0 ? bytes : null);

export function chartData(points: readonly HistoryPoint[], labels: Props['labels']) {
  const names = [...new Set(points.flatMap((p) => p.packages.map((pkg) => pkg.name)))];
  const columns: { label: string; name: string; kind: 'size' | 'limit' | 'budget'; values: (number | null)[] }[] = [];
  for (const name of names) {
    columns.push({ label: name, name, kind: 'size', values: points.map((p) => positive(p.packages.find((pkg) => pkg.name === name)?.bytes)) });
    const limits = points.map((p) => positive(p.packages.find((pkg) => pkg.name === name)?.limitBytes));
    if (limits.some((v) => v !== null)) columns.push({ label: `${name} ${labels.limit}`, name, kind: 'limit', values: limits });
    const budgets = points.map((p) => positive(p.budgets.find((b) => b.kind === 'package' && b.name === name)?.limitBytes));
    if (budgets.some((v) => v !== null)) columns.push({ label: `${name} ${labels.budget}`, name, kind: 'budget', values: budgets });
  }
  return columns;
}

export function HistoryChart({ points, subpackageNames, labels, onPick }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const pick = useRef(onPick);
  useEffect(() => {
    pick.current = onPick;
  });

  useEffect(() => {
    const element = box.current;
    if (!element || points.length === 0) return;
    const columns = chartData(points, labels);
    const xs = points.map((_, i) => i + 1);
    const options: uPlot.Options = {
      width: Math.max(320, element.clientWidth),
      height: 260,
      scales: { x: { time: false }, y: { distr: 3, log: 2 } },
      axes: [
        { values: (_u, ticks) => ticks.map((t) => (Number.isInteger(t) ? String(t) : '')) },
        // A log scale hands over null for the ticks it leaves unlabelled.
        { values: (_u, ticks) => ticks.map((t) => (t === null || t === undefined ? '' : formatBytes(t))), size: 70 },
      ],
      series: [
        { label: '#', value: (_u, v) => (v === null ? '' : labels.build(v)) },
        ...columns.map((c) => ({
          label: c.label,
          stroke: packageColour(c.name, subpackageNames),
          width: c.kind === 'size' ? 2 : 1,
          dash: c.kind === 'size' ? undefined : c.kind === 'limit' ? [8, 4] : [2, 4],
          points: { show: c.kind === 'size', size: 8 },
          value: (_u: uPlot, v: number | null) => (v === null ? '—' : formatBytes(v)),
        })),
      ],
      cursor: { points: { size: 10 } },
    };
    const plot = new uPlot(options, [xs, ...columns.map((c) => c.values)] as uPlot.AlignedData, element);
    // What the chart holds, read back from uPlot, not the count it was handed.
    element.dataset.points = String(plot.data[0]?.length ?? 0);
    const onClick = (): void => {
      const index = plot.cursor.idx;
      const point = index === null || index === undefined ? undefined : points[index];
      if (point) pick.current(point.id);
    };
    plot.over.addEventListener('click', onClick);
    return () => {
      plot.over.removeEventListener('click', onClick);
      plot.destroy();
      delete element.dataset.points;
    };
  }, [points, subpackageNames, labels]);

  return <div className="history-chart" ref={box} role="img" aria-label="Package sizes over builds" />;
}
