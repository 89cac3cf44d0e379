import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { reloadSharedTemplates, sharedTemplateEnvironment } from "../../../src/templating/environment.ts";

/**
 * `renderOnce` renders a partial once per list the views share (a page family's hreflang
 * alternates) instead of once per page: the output must be what rendering it each time gives,
 * and an edited partial must show after the next build starts (`reloadSharedTemplates`).
 */
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "codicil-render-once-"));
  writeFileSync(path.join(dir, "links.njk"), '{% for item in items %}<a href="{{ item.href }}">{{ item.name }}</a>\n{% endfor %}');
  writeFileSync(path.join(dir, "page.njk"), "<p>{{ list | renderOnce(\"links.njk\") }}</p>");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("the renderOnce filter", () => {
  it("prints the partial as rendered, escaped once, the same for every page that shares the list", () => {
    const environment = sharedTemplateEnvironment([dir]);
    const list = [{ href: "/a?x=1&y=2", name: "A & <B>" }];
    const expected = '<p><a href="/a?x=1&amp;y=2">A &amp; &lt;B&gt;</a>\n</p>';
    expect(environment.render("page.njk", { list })).toBe(expected);
    expect(environment.render("page.njk", { list })).toBe(expected);
  });

  it("renders a shared list once, another list on its own, and again once templates are reloaded", () => {
    const environment = sharedTemplateEnvironment([dir]);
    let renderings = 0;
    environment.addFilter("counted", (name: string) => {
      renderings++;
      return name;
    });
    writeFileSync(path.join(dir, "links.njk"), "{% for item in items %}[{{ item.name | counted }}]{% endfor %}");
    reloadSharedTemplates();
    const list = [{ href: "/a", name: "A" }];
    for (let page = 0; page < 3; page++) expect(environment.render("page.njk", { list })).toBe("<p>[A]</p>");
    expect(renderings).toBe(1);
    expect(environment.render("page.njk", { list: [{ href: "/b", name: "B" }] })).toBe("<p>[B]</p>");
    expect(renderings).toBe(2);
    // An edited partial shows from the next build on, for a list rendered before too.
    writeFileSync(path.join(dir, "links.njk"), "{% for item in items %}({{ item.name | counted }}){% endfor %}");
    reloadSharedTemplates();
    expect(environment.render("page.njk", { list })).toBe("<p>(A)</p>");
    expect(renderings).toBe(3);
  });
});
