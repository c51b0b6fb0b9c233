import re
from html import unescape

import pytest


def headings(html, level):
    """The text of every <hN> of the given level, in order, tags stripped."""
    found = re.findall(rf"<h{level}\b[^>]*>(.*?)</h{level}>", html, flags=re.S)
    return [unescape(re.sub(r"<[^>]+>", "", text)).strip() for text in found]


def text_of(html):
    """The visible text of a page's <main>, tags stripped and white space collapsed."""
    main = html.split('<main id="main" tabindex="-1">', 1)[1].split("</main>", 1)[0]
    return " ".join(unescape(re.sub(r"<[^>]+>", "", main)).split())


@pytest.fixture
def get_page(client, pages):
    def get(address):
        response = client.get(address)
        assert response.status_code == 200, address
        html = response.content.decode()
        return response, html

    return get
