import Testing

@testable import GuidebookMarkdown

struct MarkdownRendererTests {
    @Test func rendersParagraphsWithCmark() {
        #expect(render("Hello *world*") == "<p>Hello <em>world</em></p>\n")
    }

    @Test func rendersTables() {
        let html = render("| A | B |\n|---|---|\n| 1 | 2 |\n")
        #expect(html.contains("<table>"))
        #expect(html.contains("<th>A</th>"))
        #expect(html.contains("<td>2</td>"))
    }

    @Test func rendersStrikethrough() {
        #expect(render("~~gone~~") == "<p><del>gone</del></p>\n")
    }

    @Test func autolinksBareAddresses() {
        #expect(render("Visit www.example.org now").contains("<a href=\"http://www.example.org\">www.example.org</a>"))
    }

    @Test func footnotesBecomeASection() {
        let html = render("Text.[^1]\n\n[^1]: The note.\n")
        #expect(html.contains("<section class=\"footnotes\""))
        #expect(html.contains("The note."))
        #expect(html.contains("href=\"#fn-1\""))
    }

    @Test func smartPunctuation() {
        #expect(render("\"Quoted\" -- it's") == "<p>\u{201C}Quoted\u{201D} \u{2013} it\u{2019}s</p>\n")
    }

    @Test func rawHTMLIsLeftOutByDefault() {
        let html = render("<script>alert(1)</script>\n\nText <b>bold</b>")
        #expect(!html.contains("script") && !html.contains("<b>") && !html.contains("&lt;"))
        #expect(html == "<p>Text bold</p>\n")
    }

    @Test func rawHTMLPassesWhenAllowedButTagfilterStillApplies() {
        let html = render("<b>bold</b> and <script>x</script>", rawHTML: true)
        #expect(html.contains("<b>bold</b>"))
        #expect(html.contains("&lt;script>"), "the tagfilter extension disarms <script> even in unsafe mode")
    }

    /// Editors' notes in comments never reach the page, whether raw HTML is allowed or not.
    @Test(arguments: [false, true])
    func commentsAreNeverRendered(rawHTML: Bool) {
        let markdown = """
            Intro <!-- TODO: check with legal, 07700 900123 --> text.

            <!--
            Block note: 07700 900123
            -->

            <div>Kept<!-- inline 07700 900123 --></div>
            """
        let html = render(markdown, rawHTML: rawHTML)
        #expect(!html.contains("07700") && !html.contains("TODO") && !html.contains("<!--") && !html.contains("&lt;!--"), "\(html)")
        #expect(html.contains("Intro") && html.contains("text."))
        #expect(html.contains("<div>Kept</div>") == rawHTML)
    }

    /// To Markdown an unclosed comment is text; the outline says where, so the build can refuse it.
    @Test func anUnclosedCommentIsFound() {
        let outline = MarkdownParser.outline(of: "Fine.\n\nUnclosed <!-- 07700 900123\n\n`<!-- in code -->`\n")
        #expect(outline.unclosedComments == [MarkdownPosition(line: 3, utf8Column: 1)])
    }

    /// GitHub's alerts render as labelled call-outs, not quotations; other block quotes stay quotes.
    @Test(arguments: Callout.allCases)
    func alertsBecomeCallouts(callout: Callout) {
        let html = render("> [!\(callout.rawValue)]\n> Read *this* first.\n\n> A quotation.\n")
        #expect(html.contains("<div class=\"callout callout-\(callout.rawValue.lowercased())\" role=\"note\" aria-label=\"\(callout.title)\">"), "\(html)")
        #expect(html.contains("<p class=\"callout-title\">\(callout.title)</p>\n<p>Read <em>this</em> first.</p>\n</div>"), "\(html)")
        #expect(!html.contains("[!"))
        #expect(html.contains("<blockquote>\n<p>A quotation.</p>\n</blockquote>"))
    }

    @Test func anAlertMarkerAloneOnItsParagraphLeavesNoEmptyParagraph() {
        let html = render("> [!tip]\n>\n> Second paragraph.\n")
        #expect(html.contains("<p class=\"callout-title\">Tip</p>\n<p>Second paragraph.</p>"), "\(html)")
    }

    @Test func templateTagsInTextAreFoundButNotInCode() {
        let outline = MarkdownParser.outline(of: "Intro {{< figure src=\"x\" >}} and {% include a.html %}.\n\n`{{ in code }}`\n\n    <% erb %>\n")
        #expect(outline.templateSyntax.map(\.position) == [MarkdownPosition(line: 1, utf8Column: 7)])
        #expect(outline.templateSyntax.first?.text.hasPrefix("{{< figure") == true)
    }

    @Test func theOutlineNeitherSearchesNorReportsComments() {
        let outline = MarkdownParser.outline(of: "A <!-- secret 07700 900123 --> b <span>c</span>\n\n<!-- only a note -->\n")
        #expect(!outline.plainText.contains("07700") && !outline.plainText.contains("span"))
        #expect(outline.rawHTML.map(\.text) == ["<span>", "</span>"])
        #expect(outline.rawHTML.first?.position == MarkdownPosition(line: 1, utf8Column: 34))
    }

    @Test(arguments: ["javascript:alert(1)", "JavaScript:void(0)", "vbscript:x", "data:text/html,hi"])
    func dangerousURLsAreBlanked(url: String) {
        #expect(render("[x](\(url))") == "<p><a href=\"\">x</a></p>\n")
    }

    @Test func linksAreRewrittenByTheDecorator() {
        let html = render(
            "[gov](../governance.md#steering) and [out](https://example.org)", rewrites: ["../governance.md#steering": "../governance.html#steering"])
        #expect(html.contains("href=\"../governance.html#steering\""))
        #expect(html.contains("href=\"https://example.org\""))
    }

    @Test func headingsAreWrappedWithUniqueIDs() {
        let html = render("## Steering groups\n\n## Steering groups\n\n### `Code` and *more*\n")
        // cmark puts a custom block's markup on lines of its own
        #expect(html.contains("<h2 id=\"steering-groups\">\nSteering groups\n</h2>"))
        #expect(html.contains("<h2 id=\"steering-groups-2\">\nSteering groups\n</h2>"))
        #expect(html.contains("<h3 id=\"code-and-more\">\n<code>Code</code> and <em>more</em>\n</h3>"))
    }

    @Test func taskItemsGetGuidebookMarkupInsteadOfCmarkCheckboxes() {
        let html = render("- [ ] One\n- [x] Two\n\nText\n\n- [ ] Other list\n")
        #expect(!html.contains("<input"))
        #expect(html.contains("<li><label data-list=\"0\" data-item=\"0\">One</label></li>"))
        #expect(html.contains("<li><label data-list=\"0\" data-item=\"1\" data-checked>Two</label></li>"))
        #expect(html.contains("<label data-list=\"1\" data-item=\"0\">Other list</label>"))
        #expect(html.contains("<div data-task-list=\"0\">\n<ul>\n<li>"))
        #expect(html.contains("<div data-task-list=\"1\">"))
        #expect(!html.contains("data-task-list=\"2\""))
    }

    @Test func taskItemsKeepLinksCodeAndNestedLists() {
        let html = render("- [ ] Read [the page](x.md) and `run`\n  - nested point\n")
        #expect(html.contains("<label data-list=\"0\" data-item=\"0\">Read <a href=\"x.md\">the page</a> and <code>run</code></label>"))
        #expect(html.contains("<li>nested point</li>"))
    }

    /// A task list inside a task item is a list of its own; the outer list stays one list, wrapped once,
    /// its later items numbered after its earlier ones (it used to become two lists, wrapped twice).
    @Test func aNestedTaskListIsItsOwnListAndTheOuterOneStaysWhole() {
        let markdown = "- [ ] one\n  - [ ] inner a\n  - [ ] inner b\n- [ ] two\n- [x] three\n"
        let html = render(markdown)
        #expect(html.components(separatedBy: "<div data-task-list=").count == 3)
        #expect(html.contains("<div data-task-list=\"0\">") && html.contains("<div data-task-list=\"1\">"))
        for (list, item, text) in [(0, 0, "one"), (1, 0, "inner a"), (1, 1, "inner b"), (0, 1, "two")] {
            #expect(html.contains("<label data-list=\"\(list)\" data-item=\"\(item)\">\(text)</label>"))
        }
        #expect(html.contains("<label data-list=\"0\" data-item=\"2\" data-checked>three</label>"))
        let outline = MarkdownParser.outline(of: markdown)
        #expect(outline.taskLists.map { $0.items.map(\.text) } == [["one", "two", "three"], ["inner a", "inner b"]])
    }

    /// Link and image text is gathered in the one walk: a heading's link counts in its id, nested
    /// images each have the text inside them.
    @Test func linkAndHeadingTextComeFromTheOneWalk() {
        let outline = MarkdownParser.outline(of: "## See [the *rules*](r.md) now\n\n![a ![b](b.png) c](a.png)\n")
        #expect(outline.headings.map(\.id) == ["see-the-rules-now"])
        #expect(outline.links.map(\.text) == ["the rules", "a b c", "b"])
        #expect(outline.links.map(\.destination) == ["r.md", "a.png", "b.png"])
    }

    @Test func textMarksWrapWordsInRunningTextOnly() {
        let html = render("## CAF heading\n\nThe CAF form, [CAF link](x.md), `CAF` and café CAF.\n", mark: "CAF")
        #expect(html.contains("<p>The <mark>CAF</mark> form, <a href=\"x.md\">CAF link</a>, <code>CAF</code> and café <mark>CAF</mark>.</p>"))
        #expect(html.contains("<h2 id=\"caf-heading\">\nCAF heading\n</h2>"))
    }
}

struct ConcurrentRenderingTests {
    /// cmark-gfm's special-character table is global; parses finishing at once used to lose autolinks.
    @Test func concurrentRendersAllAutolinkAndStrike() async {
        let markdown = String(repeating: "See www.example.org and ~~old~~ text. ", count: 40)
        let results = await withTaskGroup(of: String.self) { group in
            for _ in 0..<64 { group.addTask { render(markdown) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        for html in results {
            #expect(html.components(separatedBy: "<a href=\"http://www.example.org\">").count == 41)
            #expect(html.components(separatedBy: "<del>old</del>").count == 41)
        }
    }
}
