import { lazy, type ComponentType, type LazyExoticComponent } from "react";

/**
 * A page loaded on first use, from its own chunk: `lazyPage(() => import("./x-page"), "XPage")`.
 * Rendered inside the router's Suspense boundary, which shows a loading status meanwhile.
 */
export function lazyPage<Name extends string>(
  load: () => Promise<Record<Name, ComponentType>>,
  name: Name,
): LazyExoticComponent<ComponentType> {
  return lazy(async () => ({ default: (await load())[name] }));
}
