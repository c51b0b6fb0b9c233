"""The certificate as a one-page PDF (landscape US Letter), drawn with ReportLab.

ReportLab is pure Python (no system library), embeds a subset of each TrueType font with its
Unicode map (so the text can be read back and searched) and draws QR codes itself. It does not
shape text, so names are drawn in composed form (``models.printed_name``): every Vietnamese
letter with two marks is then a single glyph of Noto Serif."""

import io
from decimal import Decimal
from functools import cache

from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import landscape, letter
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

NAVY = HexColor("#1d3557")
GOLD = HexColor("#b08d3c")
INK = HexColor("#26323f")
MUTED = HexColor("#5b6570")
PAPER = HexColor("#fffdf6")
WIDTH, HEIGHT = landscape(letter)
FONTS = {
    "Serif": "400Regular/NotoSerif_400Regular.ttf",
    "Serif-Italic": "400Regular_Italic/NotoSerif_400Regular_Italic.ttf",
    "Serif-SemiBold": "600SemiBold/NotoSerif_600SemiBold.ttf",
    "Serif-Bold": "700Bold/NotoSerif_700Bold.ttf",
    "Serif-BoldItalic": "700Bold_Italic/NotoSerif_700Bold_Italic.ttf",
}


@cache
def _register_fonts():
    for name, path in FONTS.items():
        pdfmetrics.registerFont(TTFont(name, settings.CERTIFICATE_FONT_DIR / path))


def hours_text(hours: Decimal) -> str:
    """5 -> "5", 5.50 -> "5.5", 5.25 -> "5.25"."""
    text = f"{hours:.2f}".rstrip("0").rstrip(".")
    return text


def _fit(text, font, size, width, smallest=12):
    """The largest size up to ``size`` at which ``text`` fits in ``width``."""
    while size > smallest and pdfmetrics.stringWidth(text, font, size) > width:
        size -= 1
    return size


def _centred(canvas, text, font, size, y, colour=INK, width=WIDTH - 200):
    size = _fit(text, font, size, width)
    canvas.setFont(font, size)
    canvas.setFillColor(colour)
    canvas.drawCentredString(WIDTH / 2, y, text)
    return size


def _frame(canvas):
    canvas.setFillColor(PAPER)
    canvas.rect(0, 0, WIDTH, HEIGHT, stroke=0, fill=1)
    canvas.setStrokeColor(NAVY)
    canvas.setLineWidth(7)
    canvas.rect(22, 22, WIDTH - 44, HEIGHT - 44)
    canvas.setStrokeColor(GOLD)
    canvas.setLineWidth(1.2)
    canvas.rect(34, 34, WIDTH - 68, HEIGHT - 68)
    canvas.setLineWidth(0.6)
    canvas.rect(38, 38, WIDTH - 76, HEIGHT - 76)
    # Small diamonds at the inner corners.
    canvas.setFillColor(GOLD)
    for x, y in [(38, 38), (WIDTH - 38, 38), (38, HEIGHT - 38), (WIDTH - 38, HEIGHT - 38)]:
        path = canvas.beginPath()
        path.moveTo(x, y - 7)
        path.lineTo(x + 7, y)
        path.lineTo(x, y + 7)
        path.lineTo(x - 7, y)
        path.close()
        canvas.drawPath(path, stroke=0, fill=1)


def _rule(canvas, y, half_width, colour=GOLD, width=1):
    canvas.setStrokeColor(colour)
    canvas.setLineWidth(width)
    canvas.line(WIDTH / 2 - half_width, y, WIDTH / 2 + half_width, y)


def _signature(canvas, x_centre, name, label):
    canvas.setStrokeColor(MUTED)
    canvas.setLineWidth(0.7)
    canvas.line(x_centre - 110, 128, x_centre + 110, 128)
    size = _fit(name, "Serif-Italic", 14, 220, smallest=8)
    canvas.setFont("Serif-Italic", size)
    canvas.setFillColor(INK)
    canvas.drawCentredString(x_centre, 134, name)
    canvas.setFont("Serif", 9.5)
    canvas.setFillColor(MUTED)
    canvas.drawCentredString(x_centre, 115, label)


def _qr(canvas, url, x, y, size):
    widget = QrCodeWidget(url, barLevel="M")
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(
        size, size, transform=[size / (right - left), 0, 0, size / (top - bottom), 0, 0]
    )
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, x, y)


def facilitator_line(workshop):
    names = [u.get_full_name() or u.get_username() for u in workshop.facilitators.order_by("pk")]
    return ", ".join(names) if names else workshop.facilitator_names


def certificate_pdf(certificate) -> bytes:
    """The certificate as PDF bytes, in the teacher's language whatever page or job asks."""
    with translation.override(certificate.enrollment.language):
        return _draw(certificate)


def _draw(certificate) -> bytes:
    _register_fonts()
    workshop = certificate.enrollment.workshop
    local = workshop.local_starts_at
    # The locale's DATE_FORMAT names the weekday, which a certificate does not print.
    date = formats.date_format(local, pgettext("certificate date", "F j, Y"))
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(WIDTH, HEIGHT), pageCompression=1, invariant=1)
    canvas.setTitle(_("Certificate of completion %(number)s") % {"number": certificate.number})
    canvas.setAuthor(settings.SITE_NAME)
    canvas.setSubject(workshop.title)
    canvas.setCreator(settings.SITE_NAME)
    _frame(canvas)

    canvas.setFont("Serif-SemiBold", 12)
    canvas.setFillColor(GOLD)
    canvas.drawCentredString(WIDTH / 2, 528, settings.SITE_NAME.upper(), charSpace=3)
    _centred(canvas, _("Certificate of Completion"), "Serif-Bold", 38, 478, NAVY)
    _rule(canvas, 462, 90)
    _centred(canvas, _("This certifies that"), "Serif-Italic", 15, 424, MUTED)
    _centred(canvas, certificate.name, "Serif-BoldItalic", 36, 376, NAVY, width=WIDTH - 180)
    _rule(canvas, 364, 220, MUTED, 0.6)
    _centred(
        canvas,
        _("has completed the professional development workshop"),
        "Serif",
        14,
        330,
        MUTED,
    )
    _centred(canvas, workshop.title, "Serif-SemiBold", 21, 300)
    _centred(canvas, workshop.course.localized_name, "Serif", 13, 279, MUTED)
    place = _("%(date)s · %(city)s, %(state)s") % {
        "date": date,
        "city": workshop.city,
        "state": workshop.state,
    }
    _centred(canvas, place, "Serif", 14, 252)
    hours = ngettext(
        "%(hours)s professional development hour",
        "%(hours)s professional development hours",
        # Django's plural rules want a whole number; "1.5 hours" is plural like 2.
        1 if certificate.hours == 1 else 2,
    ) % {"hours": hours_text(certificate.hours)}
    _centred(canvas, hours, "Serif-Bold", 17, 214, NAVY)

    _signature(canvas, 205, facilitator_line(workshop), _("Facilitator"))
    _signature(canvas, 460, settings.SITE_NAME, _("Organisation"))

    qr_size = 86
    _qr(canvas, certificate.verify_url, WIDTH - 60 - qr_size, 56, qr_size)
    canvas.setFont("Serif", 9)
    canvas.setFillColor(MUTED)
    canvas.drawString(72, 72, _("Certificate number: %(number)s") % {"number": certificate.number})
    canvas.drawString(72, 59, _("Verify at %(url)s") % {"url": certificate.verify_url})
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
