// XML rendering for endpoints that ask for it. XML has no null, boolean or number, so we
// follow the Rails convention that many XML consumers already understand:
//   null    -> <otp nil="true"/>
//   boolean -> <test type="boolean">true</test>
//   number  -> <count type="number">3</count>
//   string  -> <otp>0421</otp>   ("" -> <otp/>, distinguishable from null)
// Arrays repeat the element. The builder escapes text; we never concatenate markup.
import { XMLBuilder, XMLParser } from "fast-xml-parser";

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type XmlNode = string | XmlNode[] | { [key: string]: XmlNode };

const ATTR = "@_";
const TEXT = "#text";

function toXmlNode(value: unknown): XmlNode {
  if (value === null || value === undefined) return { [`${ATTR}nil`]: "true" };
  if (typeof value === "boolean" || typeof value === "number") {
    return { [`${ATTR}type`]: typeof value, [TEXT]: String(value) };
  }
  if (Array.isArray(value)) return value.map(toXmlNode);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") {
    const out: Record<string, XmlNode> = {};
    for (const [key, child] of Object.entries(value)) out[key] = toXmlNode(child);
    return out;
  }
  return String(value);
}

export function renderXml(obj: unknown, rootName = "event", options: { pretty?: boolean } = {}): string {
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: ATTR,
    textNodeName: TEXT,
    suppressEmptyNode: true, // empty elements as <x/>, nil ones as <x nil="true"/>
    suppressBooleanAttributes: false, // keep nil="true", not the HTML-style bare `nil`
    format: options.pretty ?? false, // compact by default: whitespace would change the signed body
  });
  return builder.build({
    "?xml": { [`${ATTR}version`]: "1.0", [`${ATTR}encoding`]: "UTF-8" },
    [rootName]: toXmlNode(obj),
  }) as string;
}

function fromXmlNode(node: unknown): Json {
  if (typeof node === "string") return node;
  if (Array.isArray(node)) return node.map(fromXmlNode);
  if (node === null || typeof node !== "object") return String(node ?? "");
  const record = node as Record<string, unknown>;
  if (record[`${ATTR}nil`] === "true") return null;
  const type = record[`${ATTR}type`];
  const text = typeof record[TEXT] === "string" ? record[TEXT] : "";
  if (type === "boolean") return text === "true";
  if (type === "number") return Number(text);
  const out: Record<string, Json> = {};
  for (const [key, child] of Object.entries(record)) {
    if (!key.startsWith(ATTR) && key !== TEXT) out[key] = fromXmlNode(child);
  }
  return out;
}

/** Inverse of renderXml (tests, docs examples): returns the root element's content. */
export function parseXml(xml: string): Json {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: ATTR,
    textNodeName: TEXT,
    ignoreDeclaration: true,
    parseTagValue: false, // "0421" is an OTP, not the number 421
    parseAttributeValue: false,
    trimValues: false,
  });
  const doc = parser.parse(xml) as Record<string, unknown>;
  const [root] = Object.values(doc);
  // An empty root (<event/>) parses as "": treat it as an empty object.
  return root === "" ? {} : fromXmlNode(root);
}
