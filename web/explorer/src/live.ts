// Live updates: the views that draw the graph (the timeline, the network
// and their embeds) fetch it again when a load changes it, and redraw in
// place. The API tells of each new version of the graph through the
// graphChanged subscription, over one websocket that the whole page shares
// (graphql-ws). Queries still go over POST (api/client.ts): the server
// refuses them on the websocket.
//
// Live updates are a courtesy: when the server does not serve
// subscriptions (UNAVAILABLE) or the socket cannot be opened, the views
// work as before and nothing is said.
import { type Client, createClient } from "graphql-ws/client";
import { ENDPOINT } from "./api/client";
import { h } from "./dom";
import { plural } from "./format";

/** What one load did to the entries of one label (schema: LabelChange). */
export interface LabelChange {
  label: string;
  created: number;
  updated: number;
  deleted: number;
  createdIds: string[];
  updatedIds: string[];
  deletedIds: string[];
}

/** One version of the graph (schema: GraphChange). */
export interface GraphChange {
  version: number;
  complete: boolean;
  labels: LabelChange[];
}

export const GRAPH_CHANGED = `subscription GraphChanged {
  graphChanged { version complete labels { label created updated deleted createdIds updatedIds deletedIds } }
}`;

/**
 * A stream of changes: next for each message, then done once, failed or
 * not (the server completes a stream whose reader fell behind). Returns
 * what stops it.
 */
export type ChangeSource = (sink: { next(change: GraphChange): void; done(failed: boolean): void }) => () => void;

let client: Client | null = null;

function socketURL(): string {
  const url = new URL(ENDPOINT, location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return url.href;
}

/** The page's one socket: opened on the first subscription, closed a little after the last ends. */
function shared(): Client {
  client ??= createClient({
    url: socketURL,
    lazy: true,
    // Going from one view to the next subscribes again at once: keep the socket for it.
    lazyCloseTimeout: 5_000,
    // A handshake that fails fires "error" before "close"; the client
    // retries only on "close" unless told otherwise.
    shouldRetry: () => true,
    retryAttempts: 8,
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(1_000 * 2 ** retries, 30_000) + Math.random() * 1_000)),
  });
  return client;
}

/** graphChanged over the shared socket. */
export const graphChanges: ChangeSource = (sink) => {
  let failed = false;
  return shared().subscribe<{ graphChanged: GraphChange }>(
    { query: GRAPH_CHANGED },
    {
      next(result) {
        // A subscription the server refuses (UNAVAILABLE) may come as a
        // result with errors, followed by complete.
        if (result.errors?.length) failed = true;
        else if (result.data?.graphChanged) sink.next(result.data.graphChanged);
      },
      error: () => sink.done(true),
      complete: () => sink.done(failed),
    },
  );
};

const words: [string, string][] = [
  ["Event", "event"],
  ["Actor", "actor"],
  ["Source", "source"],
  ["Place", "place"],
  ["Plan", "plan"],
  ["PlanVersion", "plan version"],
  ["PlanPoint", "plan point"],
  ["Stance", "stance"],
];

/** What changed since the view was drawn, gathered over one or more messages. */
export class Changes {
  private ids = new Map<string, Set<string>>();
  /** Some message did not say what it changed. */
  private vague = false;

  add(c: GraphChange): void {
    // A first message after a reconnection has no labels: the version
    // moved on, but what changed is not known.
    if (!c.complete || c.labels.length === 0) this.vague = true;
    for (const l of c.labels) {
      const set = this.ids.get(l.label) ?? new Set<string>();
      for (const id of [...l.createdIds, ...l.updatedIds, ...l.deletedIds]) set.add(id);
      this.ids.set(l.label, set);
    }
  }

  /** "Updated with the latest changes (2 events, 1 source)". */
  describe(): string {
    const known = new Map(words);
    const counts = [...this.ids.entries()]
      .filter(([, ids]) => ids.size > 0)
      .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
      .map(([label, ids]) => plural(ids.size, known.get(label) ?? label.toLowerCase()));
    return this.vague || counts.length === 0 ? "Updated with the latest changes" : `Updated with the latest changes (${counts.join(", ")})`;
  }
}

function order(label: string): number {
  const i = words.findIndex(([l]) => l === label);
  return i < 0 ? words.length : i;
}

/** The region that says a view was updated: polite, so it never interrupts or takes focus. */
export function liveNote(): HTMLElement {
  return h("p", { class: "live-note", role: "status", "aria-live": "polite", "aria-atomic": "true" });
}

export interface FollowOptions {
  /** Fetches the view's data again and redraws it in place; false when it did not (superseded, failed). */
  refresh(): Promise<boolean>;
  /** Where to say that the view was updated (liveNote()). */
  note: HTMLElement;
  /** Changes come in bursts (a load, then a correction): wait this long for the rest (ms). */
  settle?: number;
  source?: ChangeSource;
}

/**
 * Follows the graph's versions until signal aborts. The first message is
 * the version the view was drawn from; each newer one fetches the view
 * again, one refresh at a time, those that came meanwhile folded into the
 * next. A stream the server ends (its reader fell behind) is opened again;
 * one that fails is left closed, silently.
 *
 * The note carries data-live="on" once the first message came and
 * data-version, the version the view shows.
 */
export function followGraph(signal: AbortSignal, opts: FollowOptions): void {
  const source = opts.source ?? graphChanges;
  const settle = opts.settle ?? 250;
  const note = opts.note;
  let shown: number | null = null;
  let latest = 0;
  let pending = new Changes();
  let running = false;
  let stop: (() => void) | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const run = async () => {
    running = true;
    try {
      while (shown !== null && latest > shown && !signal.aborted) {
        await wait(settle, signal);
        await visible(signal);
        if (signal.aborted) return;
        const target = latest;
        const changes = pending;
        pending = new Changes();
        const done = await opts.refresh().catch(() => false);
        if (signal.aborted) return;
        // Failed or not, this version was tried: the next one tries again.
        shown = target;
        note.dataset.version = String(target);
        if (done) announce(note, changes.describe());
      }
    } finally {
      running = false;
    }
  };

  const subscribe = () => {
    stop = source({
      next(c) {
        if (signal.aborted) return;
        if (shown === null) {
          shown = latest = c.version;
          note.dataset.live = "on";
          note.dataset.version = String(c.version);
          return;
        }
        if (c.version <= latest) return;
        latest = c.version;
        pending.add(c);
        if (!running) void run();
      },
      done(failed) {
        stop = null;
        if (signal.aborted) return;
        if (failed) {
          note.dataset.live = "off";
          return;
        }
        timer = setTimeout(subscribe, 1_000);
      },
    });
  };

  signal.addEventListener("abort", () => {
    clearTimeout(timer);
    stop?.();
    stop = null;
  });
  if (!signal.aborted) subscribe();
}

/**
 * Says the text even when it is the same as last time: a region whose text
 * does not change is not read again.
 */
function announce(note: HTMLElement, text: string): void {
  note.textContent = "";
  setTimeout(() => (note.textContent = text), 100);
}

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal.aborted) return resolve();
    const t = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(t), resolve()), { once: true });
  });
}

/** A tab in the background fetches nothing: it catches up when shown. */
function visible(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (typeof document === "undefined" || !document.hidden || signal.aborted) return resolve();
    const done = () => {
      if (document.hidden && !signal.aborted) return;
      document.removeEventListener("visibilitychange", done);
      resolve();
    };
    document.addEventListener("visibilitychange", done);
    signal.addEventListener("abort", done, { once: true });
  });
}

/**
 * Runs a redraw that replaces parts of the page, and puts the focus back
 * where it was when the element focused was replaced: on the element of the
 * same kind, link and table row, so a keyboard user reading a table keeps
 * their place. The page's scroll is left to the browser, which keeps what
 * is on screen in view (scroll anchoring): the redraw never empties the
 * page in between.
 */
export function keepPlace(redraw: () => void): void {
  const before = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
  const key = before ? focusKey(before) : null;
  redraw();
  if (!before || before.isConnected || !key) return;
  const found = [...document.querySelectorAll<HTMLElement>(key.selector)];
  const same = found.find((el) => (el.textContent ?? "").trim() === key.text);
  // A link keeps its href when its text changes (an event retitled).
  (same ?? (key.specific ? found[0] : undefined))?.focus({ preventScroll: true });
}

/** What names a focusable element across a redraw: its tag, link, id or value, row, and text. */
function focusKey(el: HTMLElement): { selector: string; text: string; specific: boolean } {
  const tag = el.tagName.toLowerCase();
  const href = el.getAttribute("href");
  const row = el.closest<HTMLElement>("[data-event], [data-actor], [data-edge]");
  const attr = row ? (["event", "actor", "edge"] as const).find((k) => row.dataset[k] !== undefined) : undefined;
  const within = row && attr ? `[data-${attr}="${CSS.escape(row.dataset[attr]!)}"] ` : "";
  const value = el instanceof HTMLInputElement ? el.getAttribute("value") : null;
  const self =
    href !== null ? `${tag}[href="${CSS.escape(href)}"]` : el.id ? `${tag}#${CSS.escape(el.id)}` : value !== null ? `${tag}[value="${CSS.escape(value)}"]` : tag;
  return { selector: `${within}${self}`, text: (el.textContent ?? "").trim(), specific: self !== tag || within !== "" };
}
