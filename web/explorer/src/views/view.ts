import type { Route } from "../router";

/** What a view is given to draw itself. */
export interface ViewContext {
  /** The element the view fills. */
  root: HTMLElement;
  route: Route;
  /** Aborted when the user leaves the view. */
  signal: AbortSignal;
  /** Sets the document title ("… · diplograph"). */
  setTitle(title: string): void;
}

/** A view draws itself and may return a clean-up function. */
export type Render = (ctx: ViewContext) => Promise<void | (() => void)>;
