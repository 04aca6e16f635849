// Types shared by the chart components.
import type { ScaleLinear } from 'd3';

export interface Plot {
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
  width: number;
  height: number;
}

export interface HoverRow {
  label: string;
  value: string;
  color?: string;
  dashed?: boolean;
}
