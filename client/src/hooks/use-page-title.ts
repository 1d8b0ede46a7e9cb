import { useEffect } from "react";

/** The application's name, after every page's own title. */
export const APP_NAME = "OrderFlow";

/**
 * Names the page in the browser's tab, history and screen readers: "<title> · OrderFlow". Each page
 * has a title of its own, so a reader knows where a link led without reading the page.
 */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · ${APP_NAME}`;
  }, [title]);
}
