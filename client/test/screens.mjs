// Accessibility and layout checks of one rendered screen: axe-core's serious and critical
// violations, horizontal overflow, the document title and the page's headings.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** The rule sets run: WCAG 2.0–2.2 A and AA, and axe's best practices. */
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

/**
 * Runs axe-core in the page and returns its serious and critical violations, each with the
 * selectors of the nodes it found. axe is evaluated through the DevTools protocol (page.evaluate),
 * which the page's Content-Security-Policy does not govern: a <script> tag would be refused and
 * reported, and the harness's check that nothing was refused stays meaningful for every other page.
 * @returns {Promise<Array<{ id: string, impact: string, help: string, targets: string[] }>>}
 */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
  return page.evaluate(async (tags) => {
    const results = await window.axe.run(document, {
      runOnly: { type: "tag", values: tags },
      resultTypes: ["violations"],
    });
    return results.violations
      .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
      .map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        targets: violation.nodes.map((node) => node.target.join(" ")),
      }));
  }, AXE_TAGS);
}

/** What the page shows of itself: its title, its h1 texts, and whether it is wider than the window. */
export function pageFacts(page) {
  return page.evaluate(() => ({
    title: document.title,
    h1: [...document.querySelectorAll("h1")].map((heading) => heading.textContent.trim()),
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
}

/** Sets the colour mode with the page's own theme switch (remembered in the browser). */
export async function switchTheme(page, theme) {
  const current = await page.evaluate(() => document.documentElement.getAttribute("data-bs-theme"));
  if (current !== theme) await page.getByTestId("theme-toggle").click();
  await page.waitForFunction((value) => document.documentElement.getAttribute("data-bs-theme") === value, theme);
}

/**
 * The dashboard's charts as drawn: each canvas's size and how many of its pixels are in the card's
 * text colour, and each legend swatch's contrast with the card's background.
 */
export function chartFacts(page) {
  return page.evaluate(() => {
    const rgb = (css) =>
      css
        .match(/[\d.]+/g)
        .slice(0, 3)
        .map(Number);
    const luminance = (colour) => {
      const [r, g, b] = colour
        .map((c) => c / 255)
        .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const contrast = (a, b) => {
      const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (light + 0.05) / (dark + 0.05);
    };
    const card = getComputedStyle(document.querySelector('[data-testid="chart-status"]').closest(".card"));
    const background = rgb(card.backgroundColor);
    const text = rgb(card.color);
    const canvases = [...document.querySelectorAll("canvas")].map((canvas) => {
      const { width, height } = canvas.getBoundingClientRect();
      const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
      let textPixels = 0;
      for (let i = 0; i < pixels.length; i += 4) {
        const near = [0, 1, 2].every((c) => Math.abs(pixels[i + c] - text[c]) <= 16);
        if (near && pixels[i + 3] > 200) textPixels += 1;
      }
      return { label: canvas.getAttribute("aria-label"), width, height, textPixels };
    });
    const swatches = [...document.querySelectorAll(".chart-swatch")].map((swatch) => ({
      status: swatch.dataset.status,
      contrast: contrast(rgb(getComputedStyle(swatch).backgroundColor), background),
    }));
    return { canvases, swatches };
  });
}
