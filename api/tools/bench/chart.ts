import type { TopLevelSpec } from "vega-lite";

/**
 * Renders a Vega-Lite specification to SVG, headless: vega-lite compiles it, vega renders it
 * without a browser or canvas (text widths are estimated).
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import("vega"), import("vega-lite")]);
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: "none" });
  return view.toSVG();
}
