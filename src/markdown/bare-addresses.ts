import type { MarkdownIt, StateCore, Token } from "markdown-it";

/**
 * Which text becomes a link without Markdown link syntax: only addresses written out with
 * `https://`, `http://` or `mailto:` (docs/content.md). markdown-it's linkify (linkify-it) would
 * also link bare domain names ("Amazon.com", "support.example.org"), e-mail addresses, `//host`
 * and `ftp://` addresses: links legal authors never wrote.
 */
export function bareAddressesPlugin(md: MarkdownIt): void {
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false });
  // linkify-it's other schemas, turned off through its public `add(schema, null)`.
  md.linkify.add("//", null);
  md.linkify.add("ftp:", null);
  md.core.ruler.after("linkify", "codicil_bare_address_ends", (state) => {
    for (const block of state.tokens) {
      if (block.type === "inline" && block.children) endAddressesAtScriptChange(block.children, state, md);
    }
  });
}

/**
 * linkify-it reads letters of any script as part of a host, so an address glued to the next word
 * ("https://support.example.orgوالمزيد", "https://example.com了解") would link a host that does
 * not exist. An address ends where a Latin letter is directly followed by a letter of another
 * script or the other way round; the rest stays text, unchanged.
 */
function endAddressesAtScriptChange(children: Token[], state: StateCore, md: MarkdownIt): void {
  for (let i = 0; i < children.length; i++) {
    const open = children[i] as Token;
    if (open.type !== "link_open" || open.markup !== "linkify") continue;
    const text = children[i + 1];
    const close = children[i + 2];
    if (text?.type !== "text" || close?.type !== "link_close") continue;
    const end = scriptChangeAt(text.content);
    if (end === -1) continue;
    const rest = new state.Token("text", "", 0);
    rest.content = text.content.slice(end);
    text.content = text.content.slice(0, end);
    open.attrSet("href", md.normalizeLink(text.content));
    children.splice(i + 3, 0, rest);
  }
}

const LETTER = /\p{L}/u;
const LATIN = /\p{Script=Latin}/u;

/** The index of the first letter whose script (Latin or not) differs from the letter right before it; -1 if none. */
export function scriptChangeAt(address: string): number {
  let previousLatin: boolean | undefined;
  let index = 0;
  for (const character of address) {
    if (LETTER.test(character)) {
      const latin = LATIN.test(character);
      if (previousLatin !== undefined && latin !== previousLatin) return index;
      previousLatin = latin;
    } else if (!/\p{M}/u.test(character)) {
      previousLatin = undefined;
    }
    index += character.length;
  }
  return -1;
}
