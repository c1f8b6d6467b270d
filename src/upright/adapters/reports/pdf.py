"""HTML to PDF with WeasyPrint: tagged (PDF/UA-1), fonts from the system, no network.

Only ``data:`` URLs may be fetched while rendering: everything a document shows (CSS, SVG
pictures and charts) is inside the HTML, so nothing leaves the machine.
"""

from __future__ import annotations

from typing import Any

from upright.domain.errors import UprightError


class PdfUnavailable(UprightError):
    """WeasyPrint or the Pango library it needs is not installed."""


def render_pdf(html: str, title: str) -> bytes:
    try:
        import weasyprint
        from weasyprint.urls import URLFetcher
    except (ImportError, OSError) as error:  # OSError: the Pango library is missing
        raise PdfUnavailable(
            "cannot make a PDF here: WeasyPrint needs the Pango library "
            f"(Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0) ({error})"
        ) from None
    fetcher: Any = URLFetcher(allowed_protocols=["data"])
    document = weasyprint.HTML(string=html, url_fetcher=fetcher, base_url=None)
    pdf: bytes = document.write_pdf(pdf_variant="pdf/ua-1", custom_metadata=True)
    return pdf
