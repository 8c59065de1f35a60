import { expect } from "chai";
import { articleText, plainToMarkdown, renderArticle, replyText } from "../../src/modules/kb/markdown";

/**
 * What an author may paste into an article (Markdown with raw HTML), from the classic XSS
 * cheat sheets: every payload goes through renderArticle, and what comes out must carry
 * no script, no event handler, no script-capable URL and no tag outside the allow-list.
 */
const PAYLOADS: Record<string, string> = {
  "script tag": "<script>alert(1)</script>",
  "script tag, upper case": "<SCRIPT>alert(1)</SCRIPT>",
  "script tag, mixed case with a src": "<ScRiPt src=//evil.example/x.js></sCrIpT>",
  "nested script tags": "<scr<script>ipt>alert(1)</scr</script>ipt>",
  "broken script tag": "<script\n>alert(1)</script\n>",
  "double angle bracket": "<<script>alert(1);//<</script>",
  "script inside a paragraph": "Hello <b>world</b><script type=\"text/javascript\">document.cookie</script> end",
  "img onerror": "<img src=x onerror=alert(1)>",
  "img onerror, malformed and unclosed": "<img src=x onerror=alert(1)//",
  "img onerror, quoted and upper case": "<IMG SRC=\"x\" ONERROR=\"alert(1)\">",
  "img onerror after a slash": "<img/src=x/onerror=alert(1)>",
  "svg onload": "<svg onload=alert(1)>",
  "svg with script": "<svg><script>alert(1)</script></svg>",
  "svg foreignObject": "<svg><foreignObject><iframe src=\"javascript:alert(1)\"></iframe><body onload=alert(1)></foreignObject></svg>",
  "body onload": "<body onload=alert(1)>",
  "details ontoggle": "<details open ontoggle=alert(1)><summary>x</summary>y</details>",
  "a onmouseover": "<a href=\"https://example.com\" onmouseover=\"alert(1)\">hover</a>",
  "javascript: link in HTML": "<a href=\"javascript:alert(1)\">x</a>",
  "javascript: link, mixed case": "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
  "javascript: link, entity-encoded": "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>",
  "javascript: link, hex entities without semicolons": "<a href=\"&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1)\">x</a>",
  "javascript: link, tab in the scheme": "<a href=\"jav\tascript:alert(1)\">x</a>",
  "javascript: link, newline in the scheme": "<a href=\"java\nscript:alert(1)\">x</a>",
  "javascript: link, entity tab and newline": "<a href=\"jav&#x09;ascript:alert(1)\">x</a><a href=\"java&#10;script:alert(1)\">y</a>",
  "javascript: link, leading space and control character": "<a href=\" \u0001javascript:alert(1)\">x</a>",
  "javascript: Markdown link": "[click](javascript:alert(1))",
  "javascript: Markdown link, mixed case": "[click](JAVASCRIPT:alert(1))",
  "javascript: Markdown link, entity-encoded": "[click](&#106;avascript:alert(1))",
  "javascript: Markdown link, encoded tab": "[click](java%09script:alert(1))",
  "javascript: reference-style link": "[click][evil]\n\n[evil]: javascript:alert(1)",
  "javascript: autolink": "<javascript:alert(1)>",
  "javascript: Markdown image": "![x](javascript:alert(1))",
  "data: text/html link": "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
  "data: text/html Markdown link": "[x](data:text/html,<script>alert(1)</script>)",
  "data: svg image in HTML": "<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">",
  "data: svg Markdown image": "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
  "data: svg link": "<a href=\"data:image/svg+xml,<svg onload=alert(1)>\">x</a>",
  "vbscript: link": "<a href=\"vbscript:msgbox(1)\">x</a>",
  "vbscript: Markdown link": "[x](VBScript:msgbox(1))",
  "iframe": "<iframe src=\"https://evil.example\"></iframe>",
  "iframe srcdoc": "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
  "object": "<object data=\"javascript:alert(1)\"></object>",
  "embed": "<embed src=\"javascript:alert(1)\">",
  "form and input": "<form action=\"https://evil.example\"><input name=password type=password autofocus onfocus=alert(1)><button formaction=javascript:alert(1)>go</button></form>",
  "style tag": "<style>body { background: url(javascript:alert(1)) }</style>",
  "style attribute with expression": "<p style=\"width: expression(alert(1))\">x</p>",
  "style attribute with url(javascript:)": "<div style=\"background-image: url(javascript:alert(1))\">x</div>",
  "table cell style beyond alignment": "<table><tr><td style=\"text-align: left; background: url(javascript:alert(1))\">x</td></tr></table>",
  "link, meta and base": "<link rel=stylesheet href=\"https://evil.example/x.css\"><meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\"><base href=\"https://evil.example/\">",
  "HTML comment hiding a script": "<!-- <script>alert(1)</script> -->x<!--><script>alert(1)</script>-->",
  "conditional comment": "<!--[if gte IE 4]><script>alert(1)</script><![endif]-->",
  "Markdown image with an onerror in the title": "![x](https://example.com/a.png \"\\\" onerror=\\\"alert(1)\")",
  "Markdown image title breaking the attribute": "![x](/a.png \"a\" onerror=\"alert(1)\")",
  "Markdown link title breaking the attribute": "[x](https://example.com \"t\\\" onclick=\\\"alert(1)\")",
  "attribute without quotes and a backtick": "<img src=`x` onerror=`alert(1)`>",
  "math with a link": "<math><mtext><a xlink:href=\"javascript:alert(1)\">x</a></mtext></math>",
  "template and noscript": "<template><script>alert(1)</script></template><noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
  "textarea and title breaking out": "<textarea></textarea><script>alert(1)</script></textarea><title><script>alert(1)</script></title>",
  "code block is text": "```html\n<script>alert(1)</script>\n```",
  "inline code is text": "`<img src=x onerror=alert(1)>`",
};

const ALLOWED = new Set([
  "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote", "pre", "code", "kbd", "samp", "var",
  "strong", "em", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup", "abbr",
  "ul", "ol", "li", "dl", "dt", "dd", "a", "img", "figure", "figcaption", "details", "summary",
  "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
]);

/** A tag's attributes as [name, value] (sanitize-html writes every value in double quotes). */
function attributes(tag: string): [string, string][] {
  return [...tag.matchAll(/\s([^\s"'=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)]
    .map((m) => [m[1].toLowerCase(), m[2] ?? m[3] ?? m[4] ?? ""]);
}

const decode = (s: string) => s.replace(/&#(x[0-9a-f]+|\d+);?/gi, (_m, n: string) => String.fromCharCode(n[0].toLowerCase() === "x" ? parseInt(n.slice(1), 16) : Number(n)))
  .replace(/&colon;?/gi, ":").replace(/&tab;?/gi, "\t").replace(/&newline;?/gi, "\n");

/**
 * Every way the output could still run script, as a list of findings (empty: safe). The
 * attributes are read by name: a title may quote "onerror=" harmlessly inside its value.
 */
function dangers(html: string): string[] {
  const found: string[] = [];
  if (/<script/i.test(html)) found.push("a <script");
  for (const [tag] of html.matchAll(/<[a-z][^>]*>/gi)) {
    for (const [name, value] of attributes(tag.replace(/^<[a-z0-9]+/i, ""))) {
      if (/^on/.test(name)) found.push(`an event handler in ${tag}`);
      // the site's CSP allows no inline style: none is let through, not even a cell's alignment
      if (name === "style") found.push(`a style attribute in ${tag}`);
      if (["href", "src", "action", "formaction", "xlink:href", "data", "srcdoc", "background"].includes(name)) {
        // what a browser strips from a URL before reading its scheme: control characters and spaces
        const plain = [...decode(value)].filter((c) => c.charCodeAt(0) > 0x20).join("").toLowerCase();
        if (/^(javascript|vbscript|data):/.test(plain)) found.push(`a ${plain.split(":")[0]}: URL in ${tag}`);
      }
    }
  }
  for (const [, name] of html.matchAll(/<\/?([a-z][a-z0-9-]*)/gi)) {
    if (!ALLOWED.has(name.toLowerCase())) found.push(`a <${name}> tag`);
  }
  return found;
}

describe("unit: an article's Markdown, rendered and sanitised (renderArticle)", () => {
  it("has a real list of payloads to try", () => {
    expect(Object.keys(PAYLOADS).length).to.be.at.least(50);
  });

  for (const [name, payload] of Object.entries(PAYLOADS)) {
    it(`neutralises: ${name}`, () => {
      const html = renderArticle(payload);
      expect(dangers(html), html).to.deep.equal([]);
    });
  }

  it("the checker itself sees what a payload would leave if nothing were sanitised", () => {
    expect(dangers("<img src=x onerror=alert(1)>")).to.have.length.greaterThan(0);
    expect(dangers("<a href=\"jav&#x09;ascript:alert(1)\">x</a>")).to.have.length.greaterThan(0);
    expect(dangers("<p style=\"color:red\">x</p>")).to.have.length.greaterThan(0);
    expect(dangers("<iframe></iframe>")).to.have.length.greaterThan(0);
    expect(dangers("<td style=\"text-align:center\">x</td>")).to.have.length.greaterThan(0);
    expect(dangers("<td class=\"text-center\">x</td>")).to.deep.equal([]);
  });

  it("keeps the text of a neutralised payload readable where it is harmless", () => {
    expect(renderArticle("`<img src=x onerror=alert(1)>`")).to.contain("<code>&lt;img src=x onerror=alert(1)&gt;</code>");
    expect(renderArticle("```html\n<script>alert(1)</script>\n```")).to.contain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(renderArticle("[click](javascript:alert(1))")).to.not.match(/<a [^>]*href/);
  });

  it("still renders good Markdown: headings, lists, code, tables with alignment, links with rel, relative images", () => {
    const html = renderArticle([
      "# Printer: jobs stuck", "", "## Steps", "", "1. Open **Services**", "2. Restart the *spooler*", "", "- one", "- two", "",
      "Run `net stop spooler` then:", "", "```powershell", "Restart-Service Spooler", "```", "",
      "| Step | Result |", "|:-----|-------:|", "| 1 | ok |", "",
      "See [the guide](https://intranet.example/guide) or [the desk](/portal) or mail <it@example.org>.", "",
      "![Printer panel](/kb/files/12/panel.png \"The panel\")", "", "> A note", "", "<details><summary>More</summary>Hidden text</details>",
    ].join("\n"));
    expect(html).to.contain("<h1>Printer: jobs stuck</h1>");
    expect(html).to.contain("<h2>Steps</h2>");
    expect(html).to.match(/<ol>\s*<li>Open <strong>Services<\/strong><\/li>\s*<li>Restart the <em>spooler<\/em><\/li>\s*<\/ol>/);
    expect(html).to.match(/<ul>\s*<li>one<\/li>\s*<li>two<\/li>\s*<\/ul>/);
    expect(html).to.contain("<code>net stop spooler</code>");
    expect(html).to.contain("<pre><code class=\"language-powershell\">Restart-Service Spooler\n</code></pre>");
    expect(html).to.contain("<th class=\"text-start\">Step</th>");
    expect(html).to.contain("<td class=\"text-end\">ok</td>");
    expect(html).to.contain("<a href=\"https://intranet.example/guide\" rel=\"noopener noreferrer nofollow\">the guide</a>");
    expect(html).to.contain("<a href=\"/portal\" rel=\"noopener noreferrer nofollow\">the desk</a>");
    expect(html).to.contain("<a href=\"mailto:it@example.org\" rel=\"noopener noreferrer nofollow\">it@example.org</a>");
    expect(html).to.contain("<img src=\"/kb/files/12/panel.png\" alt=\"Printer panel\" title=\"The panel\" />");
    expect(html).to.match(/<blockquote>\s*<p>A note<\/p>\s*<\/blockquote>/);
    expect(html).to.contain("<details><summary>More</summary>Hidden text</details>");
    expect(dangers(html)).to.deep.equal([]);
  });

  it("a table cell's alignment becomes a Bootstrap class (no inline style, which the CSP blocks); other styles and classes go", () => {
    expect(renderArticle("| a | b | c | d |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |"))
      .to.contain("<th class=\"text-start\">a</th>").and.contain("<th class=\"text-center\">b</th>").and.contain("<th class=\"text-end\">c</th>")
      .and.contain("<th>d</th>").and.contain("<td class=\"text-center\">2</td>").and.contain("<td>4</td>").and.not.contain("style=");
    expect(renderArticle("<table><tr><td style=\"TEXT-ALIGN: Right; color: red\" class=\"bg-danger\" colspan=\"2\">x</td><td style=\"color:red\" class=\"text-end\">y</td></tr></table>"))
      .to.contain("<td colspan=\"2\" class=\"text-end\">x</td><td>y</td>");
  });

  it("images only from a path of this site: another host, a protocol-relative or a data: address drops the image", () => {
    const html = renderArticle([
      "![ours](/kb/files/12/panel.png)", "![theirs](https://images.example/a.png)", "![http](http://images.example/a.png)",
      "![relative-host](//images.example/a.png)", "<img src=\"/\\images.example/a.png\" alt=\"backslash\">",
      "<img src=\"HTTPS://images.example/a.png\" alt=\"upper\">", "<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"data\">",
    ].join("\n\n"));
    expect([...html.matchAll(/<img [^>]*>/g)].map((m) => m[0])).to.deep.equal(["<img src=\"/kb/files/12/panel.png\" alt=\"ours\" />"]);
    expect(dangers(html)).to.deep.equal([]);
    // a link to another site is still a link
    expect(renderArticle("[guide](https://intranet.example/guide)")).to.contain("href=\"https://intranet.example/guide\"");
  });
});

describe("unit: plain text as Markdown that reads the same (plainToMarkdown)", () => {
  const same = [
    "C:\\Users\\<name>\\AppData\\Local",
    "Run `ipconfig /flushdns` as <username> then *reboot* and check _all_ of **it**",
    "file_name_v2.txt and __init__.py and a \\* and a \\<",
    "# not a heading\n1. not a list\n2) nor this\n- dash\n+ plus\n> not a quote\n---\n===",
    "    indented by four\n\ttabbed",
    "[a](guide.html) ![i](/kb/files/1/x.png) [ref][r]\n[r]: /evil",
    "a | b\n--|--\nc | d",
    "~~not struck~~ and ~/home",
    "&amp; &lt;b&gt; &#65; R&D",
    "<script>alert(1)</script> <b>not bold</b> <!-- not a comment -->",
    "Settings > VPN > Reset",
    "Title\n---",
    "[requester]: on the phone",
  ];
  for (const text of same) {
    it(`keeps every character and adds no formatting: ${JSON.stringify(text.slice(0, 40))}`, () => {
      const md = plainToMarkdown(text);
      const html = renderArticle(md);
      expect(articleText(md)).to.equal(text.split("\n").map((l) => l.trim()).join("\n").replace(/[ \t]+/g, " "));
      expect(html, html).to.not.match(/<(em|strong|code|pre|h\d|ol|ul|li|blockquote|hr|table|a|img|del|s|b)[\s>]/);
    });
  }

  it("a line break stays a line break, a blank line a new paragraph", () => {
    expect(plainToMarkdown("one\r\ntwo\n\nthree\n")).to.equal("one  \ntwo\n\nthree");
    expect(renderArticle(plainToMarkdown("one\ntwo\n\nthree"))).to.equal("<p>one<br />\ntwo</p>\n<p>three</p>\n");
  });

  it("words in angle brackets and a Windows path survive whole (as Markdown, a tag dropped and a backslash eaten)", () => {
    expect(renderArticle(plainToMarkdown("Delete C:\\Users\\<name>\\AppData\\Local\\Temp"))).to.equal("<p>Delete C:\\Users\\&lt;name&gt;\\AppData\\Local\\Temp</p>\n");
    expect(renderArticle(plainToMarkdown("Ask <username> to sign in"))).to.equal("<p>Ask &lt;username&gt; to sign in</p>\n");
    expect(renderArticle("Ask <username> to sign in")).to.not.contain("username");
    expect(renderArticle("C:\\Users\\<name>")).to.not.contain("Users\\&lt;");
  });
});

describe("unit: an article as the text of a public reply (replyText)", () => {
  const base = "https://desk.example/";

  it("keeps each link's address, this site's paths made absolute; an address written out once; an anchor loses its address", () => {
    const text = replyText([
      "Download the client [here](https://intranet.example/vpn?os=win&v=2) or from [the portal](/portal), see [below](#steps)",
      "or [the guide](guide.html); mail <it@example.org> or open https://status.example.", "",
      "<a href=\"/kb/articles/3\" title=\"t\"><strong>Raw</strong> HTML</a> and <a href=\"javascript:alert(1)\">a bad one</a>",
    ].join("\n"), base);
    expect(text).to.equal([
      "Download the client here (https://intranet.example/vpn?os=win&v=2) or from the portal (https://desk.example/portal), see below",
      "or the guide (https://desk.example/kb/articles/guide.html); mail it@example.org or open https://status.example.", "",
      "Raw HTML (https://desk.example/kb/articles/3) and a bad one",
    ].join("\n"));
  });

  it("leaves images out (a linked image keeps the link's address), keeps the paragraphs, headings and code apart", () => {
    expect(replyText("# Reset\n\n![panel](/kb/files/1/p.png)\n\nOpen **Settings** &amp; 5 < 6.\n\n[![logo](/x.png)](https://vendor.example/)\n\n```\n  net stop spooler\nnet start spooler\n```\n\n> Then wait.", base))
      .to.equal("Reset\n\nOpen Settings & 5 < 6.\n\nhttps://vendor.example/\n\n  net stop spooler\nnet start spooler\n\nThen wait.");
  });

  it("numbers an ordered list from its start, bullets the others, indents the nested ones; a table's cells split by |", () => {
    expect(replyText("Steps:\n\n3. Open\n4. Click *Reset*\n   - one\n   - two\n5. Done\n\n- a\n- b\n\n| Step | Result |\n|:--|--:|\n| 1 | ok |", base))
      .to.equal("Steps:\n\n3. Open\n4. Click Reset\n   - one\n   - two\n5. Done\n\n- a\n- b\n\nStep | Result\n1 | ok");
  });

  it("says nothing a reader of the article could not see: the sanitiser's output, as text", () => {
    const text = replyText("<script>alert('x')</script>Hello <img src=x onerror=alert(1)><iframe src=\"https://evil.example\"></iframe>", base);
    expect(text).to.equal("Hello");
  });
});
