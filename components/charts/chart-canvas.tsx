'use client';

import { useEffect, useRef } from 'react';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
} from 'chart.js';

// Only the parts used: bars and lines on category/linear scales. chart.js never reaches a citizen page.
Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

export interface ChartSeries {
  label: string;
  data: (number | null)[];
  color: string;
}

/**
 * A chart.js canvas for the staff pages. The canvas is decorative for assistive technology (aria-hidden): every
 * chart is accompanied by a table with the same numbers, which is what a screen reader reads.
 */
export function ChartCanvas({
  type,
  labels,
  series,
  horizontal = false,
  yMin,
  yMax,
  height = 260,
}: {
  type: 'bar' | 'line';
  labels: string[];
  series: ChartSeries[];
  horizontal?: boolean;
  yMin?: number;
  yMax?: number;
  height?: number;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const valueAxis = { min: yMin, max: yMax, beginAtZero: yMin === undefined };
    const chart = new Chart(canvas.current, {
      type,
      data: {
        labels,
        datasets: series.map((s) => ({
          label: s.label,
          data: s.data,
          backgroundColor: s.color,
          borderColor: s.color,
          spanGaps: true,
        })),
      },
      options: {
        indexAxis: horizontal ? 'y' : 'x',
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: horizontal ? { x: valueAxis } : { y: valueAxis },
        plugins: { legend: { display: series.length > 1 } },
      },
    });
    return () => chart.destroy();
  }, [type, labels, series, horizontal, yMin, yMax]);
  return (
    <div className="chart" data-height={height}>
      <canvas ref={canvas} aria-hidden="true" height={height} />
    </div>
  );
}
