// A small static HTML renderer for mail templates, used only where react-dom/server cannot load:
// processes started with `--conditions=react-server` (tsx scripts and workers that import
// "server-only" code, e.g. scripts/delivery-worker.ts, bench/lib/create-invited-partner.ts).
// The templates use host elements, function components and forwardRef (all @react-email
// components are forwardRef over plain tags): that subset is rendered here the way React does.
// lib/mail/static-markup.test.ts checks it against react-dom for every template.
import type { ReactNode } from "react";

const ELEMENT = new Set([Symbol.for("react.transitional.element"), Symbol.for("react.element")]);
const FORWARD_REF = Symbol.for("react.forward_ref");
const MEMO = Symbol.for("react.memo");
const PASS_THROUGH = new Set([Symbol.for("react.fragment"), Symbol.for("react.suspense"), Symbol.for("react.strict_mode")]);

const VOID_TAGS = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]);
const BOOLEAN_ATTRS = new Set(["hidden", "disabled", "checked", "selected", "readonly", "required", "multiple", "autofocus", "open", "nowrap"]);
const RENAMED_ATTRS: Record<string, string> = { className: "class", htmlFor: "for", httpEquiv: "http-equiv", charSet: "charset" };
const NOT_ATTRS = new Set(["children", "dangerouslySetInnerHTML", "key", "ref", "suppressHydrationWarning", "suppressContentEditableWarning"]);
// CSS properties React writes without "px" (a subset of React's isUnitlessNumber: those mail might use).
const UNITLESS = new Set(["fontWeight", "lineHeight", "opacity", "zIndex", "flex", "flexGrow", "flexShrink", "order", "orphans", "widows", "zoom", "columnCount", "tabSize"]);

type Element = { $$typeof: symbol; type: unknown; props: Record<string, unknown> };
type ComponentType = ((props: Record<string, unknown>) => ReactNode) | { $$typeof: symbol; render?: (props: unknown, ref: null) => ReactNode; type?: unknown };

export const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");

export function renderStaticMarkup(node: ReactNode): string {
  if (node === null || node === undefined || typeof node === "boolean") return "";
  if (typeof node === "string" || typeof node === "number" || typeof node === "bigint") return escapeHtml(String(node));
  if (Array.isArray(node)) return node.map((child) => renderStaticMarkup(child as ReactNode)).join("");
  const element = node as unknown as Element;
  if (typeof node !== "object" || !ELEMENT.has(element.$$typeof)) throw new Error(`renderStaticMarkup: cannot render ${String(node)}`);
  return renderElement(element.type, element.props ?? {});
}

function renderElement(type: unknown, props: Record<string, unknown>): string {
  if (typeof type === "string") return renderTag(type, props);
  if (typeof type === "symbol" && PASS_THROUGH.has(type)) return renderStaticMarkup(props.children as ReactNode);
  if (typeof type === "function") {
    if (type.prototype?.isReactComponent) throw new Error("renderStaticMarkup: class components are not supported");
    return renderStaticMarkup((type as (p: Record<string, unknown>) => ReactNode)(props));
  }
  const component = type as ComponentType;
  if (typeof component === "object" && component?.$$typeof === FORWARD_REF && component.render) return renderStaticMarkup(component.render(props, null));
  if (typeof component === "object" && component?.$$typeof === MEMO) return renderElement(component.type, props);
  throw new Error(`renderStaticMarkup: unsupported element type ${String(type)}`);
}

function renderTag(tag: string, props: Record<string, unknown>): string {
  const attrs = Object.entries(props)
    .map(([name, value]) => attribute(name, value))
    .filter(Boolean)
    .join("");
  if (VOID_TAGS.has(tag)) return `<${tag}${attrs}/>`;
  const inner = props.dangerouslySetInnerHTML as { __html?: string } | undefined;
  const content = inner?.__html ?? renderStaticMarkup(props.children as ReactNode);
  return `<${tag}${attrs}>${content}</${tag}>`;
}

function attribute(name: string, value: unknown): string {
  if (NOT_ATTRS.has(name) || value === null || value === undefined || typeof value === "function" || typeof value === "symbol") return "";
  if (name === "style") {
    const css = styleText(value as Record<string, unknown>);
    return css ? ` style="${escapeHtml(css)}"` : "";
  }
  const attr = RENAMED_ATTRS[name] ?? name;
  const dataOrAria = /^(data|aria)-/.test(attr);
  if (typeof value === "boolean") {
    if (dataOrAria) return ` ${attr}="${value}"`;
    return value && BOOLEAN_ATTRS.has(attr.toLowerCase()) ? ` ${attr}=""` : "";
  }
  return ` ${attr}="${escapeHtml(String(value))}"`;
}

function styleText(style: Record<string, unknown>): string {
  return Object.entries(style)
    .filter(([, v]) => v !== null && v !== undefined && typeof v !== "boolean" && v !== "")
    .map(([key, v]) => `${cssName(key)}:${typeof v === "number" && v !== 0 && !UNITLESS.has(key) && !key.startsWith("--") ? `${v}px` : String(v).trim()}`)
    .join(";");
}

const cssName = (key: string) => (key.startsWith("--") ? key : key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/^ms-/, "-ms-"));
