"""Staff Markdown: sanitised by nh3, button classes kept, anchors on headings, cached renders."""

import pytest

from pdsite import markdown


def test_script_event_handlers_and_javascript_links_are_removed():
    html = markdown.render(
        "Hello <script>alert('x')</script> world\n\n"
        '<p onclick="steal()" class="btn">Click</p>\n\n'
        "[Bad link](javascript:alert(1))\n\n"
        '<a href="javascript:alert(2)" onmouseover="x()">Raw bad link</a>\n\n'
        '<img src="/a.png" alt="A" onerror="x()">\n\n'
        '<style>body{display:none}</style><iframe src="https://evil.example"></iframe>'
    )
    assert html == (
        "<p>Hello  world</p>\n"
        '<p class="btn">Click</p>\n\n'
        '<p><a rel="noopener noreferrer">Bad link</a></p>\n'
        '<p><a rel="noopener noreferrer">Raw bad link</a></p>\n'
        '<p><img src="/a.png" alt="A"></p>\n\n'
    )
    for removed in ["script", "onclick", "onmouseover", "onerror", "javascript", "style", "iframe"]:
        assert removed not in html


def test_button_classes_survive_and_other_classes_are_dropped():
    html = markdown.render(
        "[Find a workshop](/professional-development-workshops){.btn .btn-primary .evil .fixed-top}"
        ' <span class="position-fixed lead">x</span>'
    )
    assert html == (
        '<p><a class="btn btn-primary" href="/professional-development-workshops" '
        'rel="noopener noreferrer">Find a workshop</a> <span class="lead">x</span></p>'
    )


def test_style_and_unknown_attributes_are_removed():
    html = markdown.render('[A](/k5){style="position:fixed" data-x="1" .btn}')
    assert html == '<p><a class="btn" href="/k5" rel="noopener noreferrer">A</a></p>'


def test_headings_get_anchor_ids_and_a_level_one_heading_is_demoted_to_text():
    html = markdown.render(
        "# Not a second h1\n\n## K-5 teachers: free workshops\n\n### Phase 1\n\n"
        "#### Phase 1\n\n## Chosen {#chosen}"
    )
    assert html == (
        "Not a second h1\n"
        '<h2 id="k-5-teachers-free-workshops">K-5 teachers: free workshops</h2>\n'
        '<h3 id="phase-1">Phase 1</h3>\n'
        '<h4 id="phase-1_1">Phase 1</h4>\n'
        '<h2 id="chosen">Chosen</h2>'
    )


def test_card_blocks_hold_markdown_and_are_sanitised():
    html = markdown.render(
        '<div class="phases" onclick="x()" markdown>\n'
        '<section class="phase" markdown>\n'
        "### Phase 1\n\nAbout *10 hours*.\n"
        "</section>\n"
        "</div>"
    )
    assert html == (
        '<div class="phases">\n'
        '<section class="phase">\n'
        '<h3 id="phase-1">Phase 1</h3>\n'
        "<p>About <em>10 hours</em>.</p>\n"
        "</section>\n"
        "</div>"
    )


@pytest.fixture
def count_renders(monkeypatch):
    """Counts calls of the Markdown library (the outside world, not our own code)."""
    calls = []
    real = markdown.md.markdown

    def counting(text, **kwargs):
        calls.append(text)
        return real(text, **kwargs)

    monkeypatch.setattr(markdown.md, "markdown", counting)
    return calls


def test_rendering_the_same_text_twice_renders_once(count_renders):
    first = markdown.render_cached("## Hello\n\nWorld")
    second = markdown.render_cached("## Hello\n\nWorld")
    assert first == second == '<h2 id="hello">Hello</h2>\n<p>World</p>'
    assert count_renders == ["## Hello\n\nWorld"]


def test_an_edited_text_renders_fresh(count_renders):
    assert markdown.render_cached("Before") == "<p>Before</p>"
    assert markdown.render_cached("After") == "<p>After</p>"
    assert markdown.render_cached("Before") == "<p>Before</p>"
    assert count_renders == ["Before", "After"]


def test_page_views_reuse_the_cached_render(client, pages, count_renders):
    client.get("/k5")
    client.get("/k5")
    client.get("/")
    assert len(count_renders) == 2
