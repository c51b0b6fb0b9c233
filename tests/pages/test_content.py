"""The four PD programme pages carry the facts of CONTENT.md, with their headings and buttons."""

from .conftest import headings, text_of


def test_overview_headings_facts_and_buttons(get_page):
    response, html = get_page("/")
    assert response.templates[0].name == "pages/page.html"
    assert headings(html, 1) == ["Professional development for computer science teachers"]
    assert headings(html, 2) == [
        "A blended model of professional development",
        "K-5 teachers: free workshops across the country",
        "Middle school math and science teachers",
        "High school teachers of computer science",
        "The thinking behind our work",
    ]
    assert headings(html, 3) == [
        "Who they are for",
        "What you take away",
        "Confidence and colleagues",
        "Near you",
        "Phase 1: Online course (about 10 hours)",
        "Phase 2: Multi-day in-person workshop",
        "Phase 3: Workshops and support during the year",
        "Phase 1: Online course on the impact of computer science",
        "Phase 2: Five-day summer workshop",
        "Phase 3: Quarterly workshops during the school year",
        "Phase 4: End-of-year workshop",
    ]
    text = text_of(html)
    for fact in [
        "It is blended: cooperative, in-person workshops, plus online and self-paced parts",
        "One size does not fit all",
        "reflecting on how to teach computer science while you learn the subject itself",
        "is hands-on",
        "includes collaboration with colleagues",
        "open to teachers with any, or no, prior knowledge of computer science",
        "one-day workshops for elementary educators nationwide, free of charge",
        "librarians, technology-education specialists and others",
        "in grades K-5, in a fun and accessible way",
        "you receive the supplies you need to teach the courses, at no cost",
        "meet other local educators who are bringing computer science to their schools",
        "experienced computer science educators in more than 60 US cities",
        "as a tool to teach math and science concepts",
        "available only as part of a full partnership with a school district",
        "An online part of about 10 hours on pedagogy and computer science content",
        "math and science standards that curricula follow (the Common Core State Standards and "
        "the Next Generation Science Standards)",
        "Explore specific curricular tools",
        "professional learning community that lasts beyond the partnership",
        "just-in-time instructional support",
        "possible extension activities",
        "full-year computer science classes",
        "preparing the district's existing teachers to teach this new field",
        "An online course of about 10 hours on the impact of computer science",
        "broaden participation in computing",
        "An in-person workshop over five days in the summer",
        "teaching content through inquiry, with equity at the centre",
        "Teacher/Learner/Observer model",
        "In-person and/or online workshops each quarter, plus online support",
        "content and pedagogy support for the units coming up next",
        "reflection on, and follow-up to, the academic year",
        "continue their own professional development once the structured programme ends",
        "For the intellectually curious",
        "guides our own team and our work with education partners",
    ]:
        assert fact in text, fact
    assert text.count("about 10 hours") == 3  # the middle-school heading and both phase 1s
    for button in [
        '<a class="btn btn-primary" href="/k5" rel="noopener noreferrer">'
        "Learn more about K-5 workshops</a>",
        '<a class="btn btn-outline-primary" href="/professional-development-workshops" '
        'rel="noopener noreferrer">Find a workshop (for K-5 teachers)</a>',
        '<a class="btn btn-primary" href="/educate/districts" rel="noopener noreferrer">'
        "Inquire about a district partnership</a>",
    ]:
        assert button in html, button
    assert html.count(">Inquire about a district partnership</a>") == 2
    assert html.rstrip().count('href="/educate/professional-development-philosophy"') == 2
    # The philosophy link closes the page's text (the other one is in the footer).
    article = html.split("</article>")[0]
    assert article.rsplit("<a ", 1)[1].startswith(
        'href="/educate/professional-development-philosophy"'
    )


def test_overview_jump_links_point_at_its_sections(get_page):
    _, html = get_page("/")
    for anchor in ["k-5", "middle-school", "high-school"]:
        assert f'href="#{anchor}"' in html
        assert f'<h2 id="{anchor}">' in html


def test_k5_page(get_page):
    _, html = get_page("/k5")
    assert headings(html, 1) == ["Computer science for K-5: free one-day workshops"]
    assert headings(html, 2) == [
        "The elementary courses",
        "The one-day workshop",
        "How to find a workshop and sign up",
        "No workshop near you?",
    ]
    assert headings(html, 3) == ["Who it is for", "What the day looks like", "What you take home"]
    text = text_of(html)
    for fact in [
        "a sequence of computer science courses for grades K-5",
        "need any prior experience of computer science",
        "a free, one-day introduction to the courses",
        "Workshops run in more than 60 US cities",
        "librarians and technology-education specialists",
        "a printed curriculum guide for the courses",
        "the classroom supplies you need to teach them",
        "a certificate of completion",
        "there is no cost to you or your school",
        "enter your ZIP code, or your city and state",
        "you can join its waitlist",
        "we will tell you when a workshop is added nearby",
    ]:
        assert fact in text, fact
    no_workshop = html.split('id="no-workshop-near-you"')[1]
    assert (
        '<a class="btn btn-outline-primary" href="/professional-development-workshops/alerts" '
        'rel="noopener noreferrer">Tell me about new workshops near me</a>'
    ) in no_workshop
    assert html.count(">Find a workshop (for K-5 teachers)</a>") == 2


def test_districts_page(get_page):
    response, html = get_page("/educate/districts")
    assert response.context["page"].url == "/educate/districts"
    assert headings(html, 1) == ["District partnerships"]
    assert headings(html, 2) == [
        "What a partnership gives your district",
        "Who a partnership suits",
        "What happens after you inquire",
        "Inquire about a district partnership",
    ]
    assert headings(html, 3) == ["Middle school math and science", "High school computer science"]
    assert headings(html, 4) == [
        "Phase 1: Online course",
        "Phase 2: Multi-day in-person workshop",
        "Phase 3: Support during the year",
        "Phase 1: Online course",
        "Phase 2: Five-day summer workshop",
        "Phase 3: Quarterly workshops",
        "Phase 4: End-of-year workshop",
    ]
    text = text_of(html)
    for fact in [
        "available only through a full district partnership",
        "About 10 hours online on pedagogy and computer science content",
        "math and science standards your curricula follow (the Common Core State Standards and "
        "the Next Generation Science Standards)",
        "About 10 hours online on the impact of computer science",
        "Teacher/Learner/Observer model",
        "commit a group of teachers to take part in every phase",
        "name a programme lead in the district",
        "We reply. A member of our partnerships team reads your inquiry and replies by email.",
        "We talk.",
        "We agree a partnership.",
        "partnership agreement",
    ]:
        assert fact in text, fact


def test_philosophy_page(get_page):
    _, html = get_page("/educate/professional-development-philosophy")
    assert headings(html, 1) == ["Our professional development philosophy"]
    assert headings(html, 2) == [
        "Teachers learn the way their students do",
        "What good professional development does more, and less",
        "What it aims to give teachers",
        "See it in practice",
    ]
    assert headings(html, 3) == [
        "More of",
        "Less of",
        "Confidence",
        "A community",
        "A practice of reflection",
    ]
    more, less = html.split("<h3 ")[1:3]
    for item in [
        "Inquiry:",
        "Teachers as learners:",
        "Reflection on practice:",
        "Ongoing community:",
        "Equity and broadening participation:",
    ]:
        assert f"<strong>{item}</strong>" in more
    for item in ["Lectures:", "One-off sessions:", "Content without pedagogy:"]:
        assert f"<strong>{item}</strong>" in less
    assert "For the intellectually curious" in text_of(html)


def test_each_page_has_its_own_title_and_description(get_page):
    expected = {
        "/": "Professional development for computer science teachers",
        "/k5": "Computer science for K-5: free one-day workshops",
        "/educate/districts": "District partnerships",
        "/educate/professional-development-philosophy": "Our professional development philosophy",
    }
    descriptions = set()
    for address, title in expected.items():
        response, html = get_page(address)
        assert f"<title>{title} | CS Educators Alliance</title>" in html
        page = response.context["page"]
        assert f'<meta name="description" content="{page.description}">' in html
        descriptions.add(page.description)
    assert len(descriptions) == 4


def test_common_core_and_ngss_are_called_standards_not_curricula():
    """They are standards; a page that calls them curricula misleads district leaders."""
    import re
    from pathlib import Path

    content = Path(__file__).resolve().parents[2] / "pages" / "content"
    for source in sorted(content.glob("*.md")):
        for sentence in re.split(r"(?<=[.!?])\s", source.read_text()):
            if "Common Core" in sentence or "Next Generation Science" in sentence:
                assert "curricula (" not in sentence, f"{source.name}: {sentence}"
                assert "standards" in sentence.lower(), f"{source.name}: {sentence}"
