// Search as you type, as an ARIA combobox: arrows move through the results,
// Enter opens one (or the full results page), Escape closes the list.
import { isAbort } from "../api/client";
import { search } from "../api/queries";
import type { SearchHit } from "../api/types";
import { debounce, h, uniqueId } from "../dom";
import { navigate } from "../router";
import { hitContent, hitHref } from "./hits";

export function searchBox(opts: { initial?: string; autofocus?: boolean; large?: boolean } = {}): HTMLFormElement {
  const inputId = uniqueId("search");
  const listId = uniqueId("search-results");
  const input = h("input", {
    id: inputId,
    type: "search",
    name: "q",
    role: "combobox",
    "aria-autocomplete": "list",
    "aria-expanded": "false",
    "aria-controls": listId,
    autocomplete: "off",
    spellcheck: "false",
    placeholder: "Search people, states, events, plan points…",
    value: opts.initial ?? "",
  });
  const list = h("ul", { id: listId, role: "listbox", class: "search-list", hidden: true, "aria-label": "Search results" });
  const status = h("div", { class: "sr-only", role: "status", "aria-live": "polite" });
  const form = h(
    "form",
    { role: "search", class: ["searchbox", opts.large && "large"], action: "/search", method: "get" },
    h("label", { for: inputId, class: "sr-only" }, "Search actors, events and plan points"),
    h("span", { class: "search-icon", "aria-hidden": "true" }),
    input,
    list,
    status,
  );

  let hits: SearchHit[] = [];
  let active = -1;
  let controller: AbortController | null = null;
  let lastQuery = "";

  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };

  const setActive = (i: number) => {
    const items = [...list.querySelectorAll<HTMLLIElement>("[role=option]")];
    if (items.length === 0) return;
    active = (i + items.length) % items.length;
    items.forEach((li, j) => li.setAttribute("aria-selected", String(j === active)));
    input.setAttribute("aria-activedescendant", items[active].id);
    items[active].scrollIntoView({ block: "nearest" });
  };

  const go = (href: string) => {
    close();
    input.blur();
    navigate(href);
  };

  const show = (query: string) => {
    list.replaceChildren();
    if (hits.length === 0) {
      list.append(h("li", { class: "search-empty", role: "presentation" }, `Nothing found for “${query}”.`));
    }
    hits.forEach((hit, i) => {
      const href = hitHref(hit);
      list.append(
        h(
          "li",
          {
            id: `${listId}-${i}`,
            role: "option",
            "aria-selected": "false",
            class: "search-option",
            dataset: { href },
            on: {
              mousedown: (ev) => ev.preventDefault(), // keep the focus in the input
              click: () => go(href),
            },
          },
          hitContent(hit, query),
        ),
      );
    });
    if (hits.length > 0) {
      list.append(
        h(
          "li",
          { role: "presentation", class: "search-all" },
          h("a", { href: `/search?q=${encodeURIComponent(query)}`, tabindex: "-1", on: { click: () => close() } }, "All results"),
        ),
      );
    }
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    active = -1;
    status.textContent = hits.length ? `${hits.length} results; use the arrow keys to choose` : "No results";
  };

  const run = debounce(async (query: string) => {
    controller?.abort();
    if (query.length < 2) {
      close();
      return;
    }
    controller = new AbortController();
    try {
      hits = await search(query, controller.signal, 8);
      if (query === input.value.trim() && document.activeElement === input) show(query);
    } catch (err) {
      if (isAbort(err)) return;
      hits = [];
      list.replaceChildren(h("li", { class: "search-empty", role: "presentation" }, err instanceof Error ? err.message : "Search failed"));
      list.hidden = false;
    }
  }, 160);

  input.addEventListener("input", () => {
    lastQuery = input.value.trim();
    run(lastQuery);
  });
  input.addEventListener("focus", () => {
    if (hits.length && input.value.trim() === lastQuery && lastQuery.length >= 2) show(lastQuery);
  });
  input.addEventListener("blur", () => setTimeout(close, 120));
  input.addEventListener("keydown", (ev) => {
    switch (ev.key) {
      case "ArrowDown":
        ev.preventDefault();
        if (list.hidden && lastQuery.length >= 2) show(lastQuery);
        setActive(active + 1);
        break;
      case "ArrowUp":
        ev.preventDefault();
        setActive(active - 1);
        break;
      case "Escape":
        if (!list.hidden) {
          ev.preventDefault();
          close();
        }
        break;
      case "Enter": {
        const li = active >= 0 ? list.querySelectorAll<HTMLLIElement>("[role=option]")[active] : undefined;
        if (li?.dataset.href) {
          ev.preventDefault();
          go(li.dataset.href);
        }
        break;
      }
    }
  });
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const query = input.value.trim();
    if (query) go(`/search?q=${encodeURIComponent(query)}`);
  });
  if (opts.autofocus) queueMicrotask(() => input.focus());
  return form;
}
