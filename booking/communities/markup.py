"""Descriptions written by organisers: Markdown, rendered and then cleaned with nh3, so no
markup a user wrote can run script or break the page."""

from __future__ import annotations

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "h3", "h4"}


def render(text: str | None) -> Markup:
    html = markdown.markdown(text or "", extensions=["sane_lists"], output_format="html")
    # Headings of the page are h1/h2; an organiser's "# heading" becomes an h3 at most.
    html = html.replace("<h1>", "<h3>").replace("</h1>", "</h3>").replace("<h2>", "<h3>").replace("</h2>", "</h3>")
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener",
    )
    return Markup(cleaned)  # noqa: S704  (cleaned by nh3 just above)
