"""The HTML reports' own styles, allowed by their hashes on that one response.

The reports (`overgang.reports`) are whole documents that also become PDFs, so their
styles travel inside them: a <style> block, and the style attributes of the charts'
SVG (matplotlib writes them). The site's Content-Security-Policy has no 'unsafe-inline';
a report served as a web page names the SHA-256 of exactly its own <style> blocks and
style attribute values instead ('unsafe-hashes' lets a hash match an attribute), so
nothing else inline, such as a style or script injected through the data, is applied.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re

from django.http import HttpResponse

STYLE_BLOCK = re.compile(r"<style[^>]*>(.*?)</style>", re.DOTALL | re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"""\sstyle=(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def permit_own_styles(response: HttpResponse) -> HttpResponse:
    """Return the response with the hashes of its own styles added to its style-src."""
    document = response.content.decode(response.charset or "utf-8")
    blocks = {_hash(block) for block in STYLE_BLOCK.findall(document)}
    # The browser hashes an attribute's value as parsed, so entities are decoded first.
    attributes = {
        _hash(html.unescape(double or single))
        for double, single in STYLE_ATTRIBUTE.findall(document)
    }
    sources = sorted(blocks) + (["'unsafe-hashes'", *sorted(attributes)] if attributes else [])
    if sources:
        response._csp_update = {"style-src": sources}  # type: ignore[attr-defined]
    return response
