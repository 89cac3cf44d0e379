import { defaultTreeAdapter, html as htmlSpec, parseFragment, serialize, type DefaultTreeAdapterMap } from "parse5";
import { ALLOWED_ELEMENTS, isAllowedAttribute } from "../../src/markdown/html-allowlist.ts";

type Node = DefaultTreeAdapterMap["node"];

/** A node as plain data, for `toEqual`: what a browser builds from the published HTML. */
export type PlainNode =
  | { readonly element: string; readonly namespace: htmlSpec.NS; readonly attributes: readonly (readonly [string, string])[]; readonly children: readonly PlainNode[] }
  | { readonly text: string }
  | { readonly comment: string };

const BODY = defaultTreeAdapter.createElement("body", htmlSpec.NS.HTML, []);

/** The published HTML as parse5 (a browser) reads it, inside the page's body. */
export function readAsBrowser(html: string): PlainNode[] {
  return parseFragment(BODY, html, {}).childNodes.map(plain);
}

/** The published HTML serialised by parse5 and read again: the tree a second reading builds. */
export function readTwice(html: string): PlainNode[] {
  return readAsBrowser(serialize(parseFragment(BODY, html, {})));
}

function plain(node: Node): PlainNode {
  if (defaultTreeAdapter.isTextNode(node)) return { text: node.value };
  if (defaultTreeAdapter.isCommentNode(node)) return { comment: node.data };
  if (!defaultTreeAdapter.isElementNode(node)) return { comment: `unexpected ${node.nodeName}` };
  const attributes = node.attrs.map((a) => [a.prefix ? `${a.prefix}:${a.name}` : a.name, a.value] as const);
  // A template's children are in its content, where a serialiser finds them and prints them too.
  const children = "content" in node ? node.content.childNodes : node.childNodes;
  return { element: node.tagName, namespace: node.namespaceURI, attributes, children: children.map(plain) };
}

/** Every element and attribute of the tree that the allowlist does not name, as `<tag>` or `tag@attribute`. */
export function outsideAllowlist(nodes: readonly PlainNode[]): string[] {
  const found: string[] = [];
  const visit = (node: PlainNode) => {
    if (!("element" in node)) return;
    if (node.namespace !== htmlSpec.NS.HTML || !ALLOWED_ELEMENTS.has(node.element)) found.push(`<${node.element}>`);
    for (const [name] of node.attributes) if (!isAllowedAttribute(node.element, name)) found.push(`${node.element}@${name}`);
    node.children.forEach(visit);
  };
  nodes.forEach(visit);
  return found;
}
