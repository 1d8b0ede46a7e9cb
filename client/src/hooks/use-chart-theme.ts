import { useSyncExternalStore } from "react";
import { STATUS_COLOURS } from "../components/orders/order-status-badge";
import type { OrderStatus } from "../gql/graphql";

/** The colours a chart draws with, read from the current theme's CSS variables. */
export interface ChartTheme {
  /** Text: legends and axis labels (the theme's body colour). */
  readonly text: string;
  /** Grid lines. */
  readonly grid: string;
  /** The page and card background: borders between doughnut segments. */
  readonly background: string;
  /** One colour per order status, as its badge. */
  readonly status: Readonly<Record<OrderStatus, string>>;
  readonly approved: string;
  readonly rejected: string;
}

/** Reads the chart colours from the CSS variables Bootstrap sets for the current colour mode. */
export function readChartTheme(): ChartTheme {
  const style = getComputedStyle(document.documentElement);
  const variable = (name: string) => style.getPropertyValue(name).trim();
  const status = Object.fromEntries(
    Object.entries(STATUS_COLOURS).map(([name, colour]) => [
      name,
      // "dark" is the card's own colour in dark mode: DELIVERED takes the emphasis colour instead
      // (near black on light, near white on dark).
      variable(colour === "dark" ? "--bs-emphasis-color" : `--bs-${colour}`),
    ]),
  ) as Record<OrderStatus, string>;
  return {
    text: variable("--bs-body-color"),
    grid: variable("--bs-border-color"),
    background: variable("--bs-body-bg"),
    status,
    approved: variable("--bs-success"),
    rejected: variable("--bs-danger"),
  };
}

const mode = () => document.documentElement.getAttribute("data-bs-theme") ?? "light";

/** The theme switch sets <html data-bs-theme>: watching it re-reads the colours. */
function subscribe(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-bs-theme"] });
  return () => observer.disconnect();
}

let cached: { readonly mode: string; readonly theme: ChartTheme } | undefined;
function snapshot(): ChartTheme {
  const current = mode();
  if (cached?.mode !== current) cached = { mode: current, theme: readChartTheme() };
  return cached.theme;
}

/** The chart colours of the current theme; components re-render when the theme changes. */
export function useChartTheme(): ChartTheme {
  return useSyncExternalStore(subscribe, snapshot);
}
