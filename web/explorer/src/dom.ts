// A small element builder. Text always goes in as text nodes, never as
// HTML, so no value from the API can inject markup.

export type Child = Node | string | number | null | undefined | false | Child[];

type Handler = (ev: Event) => void;

export interface Attrs {
  class?: string | (string | false | null | undefined)[];
  on?: Partial<Record<keyof HTMLElementEventMap, Handler>>;
  dataset?: Record<string, string>;
  [name: string]: unknown;
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [name, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false) continue;
      if (name === "class") {
        el.className = Array.isArray(value) ? value.filter(Boolean).join(" ") : String(value);
      } else if (name === "on") {
        for (const [type, fn] of Object.entries(value as Record<string, Handler>)) {
          el.addEventListener(type, fn);
        }
      } else if (name === "dataset") {
        Object.assign(el.dataset, value);
      } else if (name === "style") {
        throw new Error("h: inline style attributes are blocked by the CSP; use a class");
      } else if (value === true) {
        el.setAttribute(name, "");
      } else if (name in el && !name.includes("-") && typeof value !== "string") {
        (el as unknown as Record<string, unknown>)[name] = value;
      } else {
        el.setAttribute(name, String(value));
      }
    }
  }
  append(el, children);
  return el;
}

export function append(el: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

/** Replaces the element's children. */
export function fill(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

/**
 * Replaces the element's children unless the new ones make the same
 * markup: a live region then says nothing again, and focus inside stays.
 */
export function refill(el: Element, ...children: Child[]): void {
  const next = document.createElement("div");
  append(next, children);
  if (next.innerHTML === el.innerHTML) return;
  el.replaceChildren(...next.childNodes);
}

/** A link inside the app (the router handles it without a page load). */
export function link(href: string, ...children: Child[]): HTMLAnchorElement {
  return h("a", { href }, ...children);
}

/** A link to another site, opened in a new tab without a referrer. */
export function externalLink(href: string, ...children: Child[]): HTMLAnchorElement | HTMLSpanElement {
  if (!/^https?:\/\//i.test(href)) return h("span", null, ...children);
  return h("a", { href, target: "_blank", rel: "noopener noreferrer", class: "external" }, ...children);
}

/** Text for screen readers only. */
export function srOnly(text: string): HTMLSpanElement {
  return h("span", { class: "sr-only" }, text);
}

export function loading(what = "Loading"): HTMLElement {
  return h("p", { class: "loading", role: "status" }, `${what}…`);
}

export function errorBox(err: unknown, retry?: () => void): HTMLElement {
  const msg = err instanceof Error ? err.message : String(err);
  return h(
    "div",
    { class: "error", role: "alert" },
    h("p", null, h("strong", null, "Something went wrong. "), msg),
    retry ? h("button", { type: "button", on: { click: retry } }, "Try again") : null,
  );
}

export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): (...args: A) => void {
  let t: ReturnType<typeof setTimeout> | undefined;
  return (...args: A) => {
    if (t) clearTimeout(t);
    t = setTimeout(() => fn(...args), ms);
  };
}

let uid = 0;
/** A document-unique id for label/aria wiring. */
export function uniqueId(prefix: string): string {
  uid += 1;
  return `${prefix}-${uid}`;
}
