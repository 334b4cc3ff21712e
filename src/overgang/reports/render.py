"""Render the reports' templates to HTML, and HTML to PDF with WeasyPrint.

The reports use their own template engine over `reports/templates`, so that they
render the same from the command line, a test or a page, whatever apps are installed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.template import Context, Engine

TEMPLATES = Path(__file__).resolve().parent / "templates"

_engine = Engine(
    dirs=[str(TEMPLATES)],
    libraries={"i18n": "django.templatetags.i18n", "l10n": "django.templatetags.l10n"},
    autoescape=True,
)


def render_html(template: str, context: dict[str, Any]) -> str:
    """Return the template rendered in the active language."""
    return _engine.get_template(template).render(Context(context))


def html_to_pdf(html: str) -> bytes:
    """Return the HTML as a PDF: text as text, SVG charts as vectors."""
    from weasyprint import HTML

    return bytes(HTML(string=html, base_url=str(TEMPLATES)).write_pdf())
