import { describe, expect, it } from "vitest";
import { renderMarkdown, titleFromBody, type RenderContext } from "../../../src/markdown/renderer.ts";
import { scriptChangeAt } from "../../../src/markdown/bare-addresses.ts";
import { sameTitle } from "../../../src/markdown/leading-title.ts";

/** Markdown as legal repositories written for kramdown, Python-Markdown and Pandoc have it (issue 23). */
const context: RenderContext = {
  file: "content/privacy/en.md",
  bodyLine: 6,
  pathPrefix: "/",
  permalinkLabel: (heading) => `Link to ${heading}`,
  title: "Privacy Policy",
};
const render = (body: string, extra: Partial<RenderContext> = {}) => renderMarkdown(body, { ...context, ...extra });
const problemsOf = (body: string) => render(body).problems.map((p) => `${p.line}: ${p.severity}: ${p.message}`);
const permalink = (id: string, text: string) =>
  `<a class="heading-permalink" href="#${id}"><span class="visually-hidden">Link to ${text}</span> <span aria-hidden="true">#</span></a></div>\n`;

describe("links come only from what the author wrote", () => {
  it.each([
    ["a bare domain name stays text", "Buy at Amazon.com or Example.org.", "<p>Buy at Amazon.com or Example.org.</p>\n"],
    ["www. stays text", "See www.example.com for more.", "<p>See www.example.com for more.</p>\n"],
    ["a domain glued to Arabic stays text", "تواصل وsupport.example.org الآن", "<p>تواصل وsupport.example.org الآن</p>\n"],
    ["a bare e-mail address stays text", "Write to privacy@example.com.", "<p>Write to privacy@example.com.</p>\n"],
    ["a protocol-relative address stays text", "Mirror: //cdn.example.com/x", "<p>Mirror: //cdn.example.com/x</p>\n"],
    ["an ftp:// address stays text", "Archive: ftp://ftp.example.com/a", "<p>Archive: ftp://ftp.example.com/a</p>\n"],
    ["a bare https:// address is a link", "See https://example.org/privacy.", '<p>See <a href="https://example.org/privacy">https://example.org/privacy</a>.</p>\n'],
    ["a bare http:// address is a link", "See http://example.org.", '<p>See <a href="http://example.org">http://example.org</a>.</p>\n'],
    ["a bare mailto: address is a link", "Write mailto:privacy@example.com", '<p>Write <a href="mailto:privacy@example.com">mailto:privacy@example.com</a></p>\n'],
    ["an autolink is a link", "<https://example.org>", '<p><a href="https://example.org">https://example.org</a></p>\n'],
    ["a Markdown link is a link", "[our partner](https://example.org/)", '<p><a href="https://example.org/">our partner</a></p>\n'],
    [
      "an address with Arabic glued before it: only the address",
      "وhttps://support.example.org/ar/ الآن",
      '<p>و<a href="https://support.example.org/ar/">https://support.example.org/ar/</a> الآن</p>\n',
    ],
    [
      "an address with Arabic glued after it: only the address",
      "زوروا https://support.example.orgوالمزيد",
      '<p>زوروا <a href="https://support.example.org">https://support.example.org</a>والمزيد</p>\n',
    ],
    ["an address with Chinese glued on both sides", "访问https://example.com了解", '<p>访问<a href="https://example.com">https://example.com</a>了解</p>\n'],
    [
      "Latin letters beyond ASCII in a path stay in the address",
      "https://example.org/übersicht",
      '<p><a href="https://example.org/%C3%BCbersicht">https://example.org/übersicht</a></p>\n',
    ],
  ])("%s", (_, body, html) => {
    expect(render(body).html).toBe(html);
  });

  it.each([
    ["https://example.orgو", 19],
    ["https://example.com了解", 19],
    ["https://example.org/übersicht", -1],
    ["https://مثال.إختبار/page", -1],
    ["https://example.com/2024年", -1],
  ])("an address ends where the script changes: %s", (address, index) => {
    expect(scriptChangeAt(address)).toBe(index);
  });
});

describe("attribute lists: kramdown's {: …} and Pandoc's {#id}", () => {
  it.each([
    ["kramdown after a paragraph", "We keep logs.\n{: #logs }", '<p id="logs">We keep logs.</p>\n'],
    ["kramdown without spaces", "We keep logs.\n{:#logs}", '<p id="logs">We keep logs.</p>\n'],
    ["kramdown id and class", "We keep logs.\n{: #logs .note }", '<p id="logs" class="note">We keep logs.</p>\n'],
    [
      "kramdown on the line after a heading",
      "## Data tools\n{: #data-tools }\n\nText.",
      `<div class="heading">\n<h2 id="data-tools" tabindex="-1">Data tools</h2>\n${permalink("data-tools", "Data tools")}<p>Text.</p>\n`,
    ],
    [
      "kramdown replacing a heading's slug",
      "## How we use your data\n{: #use }",
      `<div class="heading">\n<h2 id="use" tabindex="-1">How we use your data</h2>\n${permalink("use", "How we use your data")}`,
    ],
    ["Pandoc's heading id", "### Cookies {#cookie-list}", `<div class="heading">\n<h3 id="cookie-list" tabindex="-1">Cookies</h3>\n${permalink("cookie-list", "Cookies")}`],
    ["a list", "- one\n- two\n{: #steps }", '<ul id="steps">\n<li>one</li>\n<li>two</li>\n</ul>\n'],
    ["a blockquote", "> Quoted.\n{: .statute }", '<blockquote class="statute">\n<p>Quoted.</p>\n</blockquote>\n'],
    [
      "a table, on the line right after it",
      "| a | b |\n|---|---|\n| 1 | 2 |\n{: .wide }",
      '<table class="wide">\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody>\n</table>\n',
    ],
    ["Arabic ids", "نص.\n{: #أدوات-البيانات }", '<p id="أدوات-البيانات">نص.</p>\n'],
    ["braces that are not an attribute list stay text", "Write {{ name }} and {% raw %} as they are.", "<p>Write {{ name }} and {% raw %} as they are.</p>\n"],
    ["an escaped brace stays text", "Text \\{: #x }", "<p>Text {: #x }</p>\n"],
  ])("%s", (_, body, html) => {
    const rendered = render(body);
    expect(rendered.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(rendered.html).toBe(html);
  });

  it("an explicit id is an anchor links can point at, and a published id to keep", () => {
    const rendered = render("## Data tools\n{: #data-tools }\n\nWe keep logs.\n{: #logs }\n");
    expect(rendered.anchors).toEqual(expect.arrayContaining(["data-tools", "logs"]));
    expect(rendered.anchors).not.toContain("data-tools-1");
    expect(rendered.explicitIds).toEqual([
      { id: "data-tools", line: 7, heading: "## Data tools" },
      { id: "logs", line: 10 },
    ]);
    expect(rendered.toc).toEqual([{ id: "data-tools", text: "Data tools", children: [] }]);
  });

  it.each([
    ["a datetime attribute", 'Text.\n{: datetime="2020-09-08" }', ['7: error: the attribute list sets datetime=, but an attribute list may set only an id ({: #name }) and classes ({: .name }); remove it, or write the element in HTML if docs/content.md allows the attribute there.']],
    ["an event handler beside a class", "Text.\n{: .x onclick=y }", ["7: error: the attribute list sets onclick=, which runs code; an attribute list may set only an id ({: #name }) and classes ({: .name }); remove it."]],
    ["a link's target", "[x](https://example.org){target=_blank}", ["6: error: the attribute list sets target=, but an attribute list may set only an id ({: #name }) and classes ({: .name }); remove it, or write the element in HTML if docs/content.md allows the attribute there."]],
    ["a link's href replaced", "[x](/en/privacy/){href=javascript:alert(1)}", ["6: error: the attribute list sets href=, but an attribute list may set only an id ({: #name }) and classes ({: .name }); remove it, or write the element in HTML if docs/content.md allows the attribute there."]],
    ["an id with a space", 'Text.\n{: id="a b" }', ['7: error: the attribute list\'s id "a b" is not an id readers can link to; use letters, digits and hyphens, e.g. {: #data-tools }.']],
    ["an id with a quote", "Text.\n{: #x'y }", ['7: error: the attribute list\'s id "x\'y" is not an id readers can link to; use letters, digits and hyphens, e.g. {: #data-tools }.']],
    ["a class with markup", 'Text.\n{: class="a<b" }', ['7: error: the attribute list\'s class "a<b" is not a class name; use letters, digits and hyphens, e.g. {: .note }.']],
    ["an id the page uses", "Text.\n{: #main }", ['7: error: the id "main" is an id the page itself uses (the skip link\'s target); choose another id.']],
    ["an attribute list on a line of its own, between blank lines", "Text.\n\n{: #alone }\n\nMore.", ["8: error: this attribute list stands alone, so it belongs to no block; write it on the line right after the paragraph or heading it is for."]],
    ["kramdown's list before a paragraph", "{: #before }\nText.", ["6: error: this attribute list is not read where it stands; write it on the line right after the paragraph, heading, list or table it is for (e.g. {: #data-tools }), or escape the brace (\\{) if it is text."]],
  ])("refuses %s with its line, and publishes neither attribute nor text", (_, body, problems) => {
    const rendered = render(body);
    expect(rendered.problems.map((p) => `${p.line}: ${p.severity}: ${p.message}`)).toEqual(problems);
    expect(rendered.html).not.toMatch(/datetime=|onclick|target=|javascript:|a b"|x'y|a&|a<b|id="alone"/);
  });

  it.each([
    ['{: #"><script> }', 'Text.\n{: #"><script> }', "<script> is not allowed"],
    ["{: #x onmouseover=alert(1) }", "Text.\n{: #x onmouseover=alert(1) }", "the attribute list sets onmouseover=, which runs code"],
    ['{: style="background:url(//t.example/p)" }', 'Text.\n{: style="background:url(//t.example/p)" }', "the attribute list sets style="],
  ])("a hostile attribute list never gets past the allowlist: %s", (_, body, message) => {
    const rendered = render(body);
    expect(rendered.problems).toContainEqual(expect.objectContaining({ severity: "error", line: 7, message: expect.stringContaining(message) }));
  });
});

describe("ids are unique on a page", () => {
  it.each([
    ["an attribute list's id twice", "One.\n{: #a }\n\nTwo.\n{: #a }", ['10: error: the id "a" is already set on line 7; every id on a page must be different, so choose another one.']],
    [
      "an attribute list's id that a heading's text also makes",
      "## Data tools\n\nText.\n{: #data-tools }",
      ['9: error: the id "data-tools" is also the anchor the heading on line 6 gets from its text, so #data-tools would name two places; give one of them another id (a heading takes one as ## Heading {#other-id}).'],
    ],
    ["an id twice in raw HTML", '<p id="x">a</p>\n<p id="x">b</p>', ['7: error: id="x" is already in the HTML above; every id on a page must be different, so choose another one.']],
    ["a raw HTML id equal to a heading's anchor", '## Contact\n\n<p id="contact">a</p>', ["8: error: id=\"contact\" is also a heading's anchor or an attribute list's id in this text; every id on a page must be different, so choose another one."]],
    ["a raw HTML id equal to an attribute list's id", 'Text.\n{: #x }\n\n<p id="x">a</p>', ["9: error: id=\"x\" is also a heading's anchor or an attribute list's id in this text; every id on a page must be different, so choose another one."]],
  ])("%s", (_, body, problems) => {
    expect(problemsOf(body)).toEqual(problems);
  });
});

describe("the title once", () => {
  it.each([
    ["the leading # heading equal to the title is left out", "# Privacy Policy\n\n## Scope\n", "Privacy Policy", false],
    ["compared as readers see it: spaces and Unicode forms", "#   Privacy   Policy  \n\nText.\n", "Privacy Policy", false],
    ["compared in NFC", "# Cafe\u0301 policy\n\nText.\n", "Café policy", false],
    ["a different first heading stays, with a warning", "# Our Privacy Policy\n\nText.\n", "Privacy Policy", true],
    ["the title further down stays, with a warning", "Intro.\n\n# Privacy Policy\n", "Privacy Policy", true],
  ])("%s", (_, body, title, kept) => {
    const rendered = render(body, { title });
    expect(rendered.html.includes("<h1>")).toBe(kept);
    expect(rendered.problems.some((p) => p.message.includes("a level-1 heading"))).toBe(kept);
    expect(rendered.leadingTitleLine === undefined).toBe(kept);
  });

  it("is the only text left out: the rest of the body is published", () => {
    expect(render("# Privacy Policy\nWe keep logs.\n").html).toBe("<p>We keep logs.</p>\n");
  });

  it.each([
    ["# Privacy Policy\n\nText.", "Privacy Policy"],
    ["\uFEFF\n\n# *Privacy* Policy\r\n\r\nText.", "Privacy Policy"],
    ["Privacy Policy\n==============\n\nText.", "Privacy Policy"],
    ["## Scope\n\nText.", undefined],
    ["Text.\n\n# Privacy Policy", undefined],
  ])("a body supplies the title when front matter has none: %j", (body, title) => {
    expect(titleFromBody(body)).toBe(title);
  });

  it("compares titles as readers see them", () => {
    expect(sameTitle(" Privacy\tPolicy ", "Privacy Policy")).toBe(true);
    expect(sameTitle("Privacy Policy", "Privacy policy")).toBe(false);
  });
});

describe("check finds what only the HTML checker found", () => {
  it.each([
    [
      "an <address> left open in a list item",
      "- Contact:\n  <address>\n  Example Ltd\n- Next",
      ["7: error: <address> is opened here but never closed, so a browser ends it where it guesses (an element left open in a list item ends with the item); close it with </address> where it should end."],
    ],
    ["misnested inline elements", "Text <b><i>x</b></i> more.", [
      "6: error: <i> is opened here but never closed, so a browser ends it where it guesses (an element left open in a list item ends with the item); close it with </i> where it should end.",
      "6: error: </i> closes no <i> that is open here (it is closed already, or was never opened); remove it, or move it to where the element ends.",
    ]],
    ["a stray end tag", "Text.\n\n</div>", ["8: error: </div> closes no <div> that is open here (it is closed already, or was never opened); remove it, or move it to where the element ends."]],
    ["U+001E written as a reference", "Text &#x1E; here.", ['6: error: the character reference "&#x1E;" writes the invisible character U+001E (a control character), which cannot be published (it would show as garbage or make the feed malformed); delete it.']],
    ["U+009D written as a decimal reference", "Line one.\nText &#157; here.", ['7: error: the character reference "&#157;" writes the invisible character U+009D (a control character), which cannot be published (it would show as garbage or make the feed malformed); delete it.']],
    ["U+009D in raw HTML", "<p>Text &#x9d; here.</p>", ['6: error: the character reference "&#x9d;" writes the invisible character U+009D (a control character), which cannot be published (it would show as garbage or make the feed malformed); delete it.']],
  ])("%s", (_, body, problems) => {
    expect(problemsOf(body)).toEqual(problems);
  });

  it.each([
    ["closed elements", "<address>\nExample Ltd\n</address>"],
    ["end tags the standard lets authors leave out", "<ul><li>a<li>b</ul>\n\n<p>one<p>two"],
    ["an end tag inside a comment or an attribute", '<!-- </div> -->\n<abbr title="</b>">x</abbr>'],
    ["ordinary character references", "&#x41; &#169; &#x1F600;"],
  ])("accepts %s", (_, body) => {
    expect(render(body).problems.filter((p) => p.severity === "error")).toEqual([]);
  });
});
