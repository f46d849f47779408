// How a search hit reads and where it leads.
import type { SearchHit } from "../api/types";
import { h } from "../dom";
import { kindLabel, typeLabel } from "../format";

export function hitHref(hit: SearchHit): string {
  const n = hit.node;
  switch (n.__typename) {
    case "Actor":
      return `/actor/${n.id}`;
    case "Event":
      return `/event/${n.id}`;
    case "PlanPoint":
      return `/plan/${n.version.plan.id}#point-${n.id}`;
    case "PlanVersion":
      return `/plan/${n.plan.id}#version-${n.id}`;
  }
}

export function hitKind(hit: SearchHit): string {
  switch (hit.node.__typename) {
    case "Actor":
      return kindLabel(hit.node.kind);
    case "Event":
      return typeLabel(hit.node.type);
    case "PlanPoint":
      return "Plan point";
    case "PlanVersion":
      return "Plan version";
  }
}

function hitTitle(hit: SearchHit): string {
  const n = hit.node;
  switch (n.__typename) {
    case "Actor":
      return n.name;
    case "Event":
      return n.title;
    case "PlanPoint":
      return n.pointTitle ?? n.text ?? (n.label ? `Point ${n.label}` : "A point whose wording the sources dispute");
    case "PlanVersion":
      return n.name;
  }
}

function hitDetail(hit: SearchHit, query: string): string {
  const n = hit.node;
  switch (n.__typename) {
    case "Actor": {
      // Say which alias matched when the name itself does not show it.
      const words = query.toLowerCase().split(/\s+/).filter(Boolean);
      const inName = words.every((w) => n.name.toLowerCase().includes(w));
      const alias = inName ? undefined : n.aliases.find((a) => words.some((w) => a.toLowerCase().includes(w)));
      return alias ? `also known as ${alias}` : n.aliases.slice(0, 2).join(", ");
    }
    case "Event":
      return n.date.display;
    case "PlanPoint":
      return n.version.name;
    case "PlanVersion":
      return "";
  }
}

/** The hit's content: a kind badge, its name and a detail line. */
export function hitContent(hit: SearchHit, query: string): HTMLElement[] {
  const kindClass = `kind-${hit.node.__typename.toLowerCase()}`;
  const detail = hitDetail(hit, query);
  return [
    h("span", { class: ["hit-kind", kindClass] }, hitKind(hit)),
    h("span", { class: "hit-text" }, h("span", { class: "hit-title" }, hitTitle(hit)), detail ? h("span", { class: "hit-detail" }, detail) : null),
  ];
}
