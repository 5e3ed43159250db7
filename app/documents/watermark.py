"""The "not approved" watermark: a faded picture of the words, never text in the PDF.

The words are shaped and reordered like any PDF line, rasterised once per process with Pillow
(basic layout engine, so Pillow does not reorder them again) into a transparent PNG, and drawn
diagonally on every page. Being an image, it never mixes into extracted text.
"""
from __future__ import annotations

import io
import threading
from functools import lru_cache

from reportlab.lib.utils import ImageReader

from app.paths import resource_path

from .arabic_text import to_visual_line

NOT_APPROVED = "نموذج غير معتمد"
DEMONSTRATION = "تدريبي DEMONSTRATION"
_lock = threading.Lock()


@lru_cache(maxsize=4)
def watermark_png(text: str = NOT_APPROVED, px: int = 84, angle: float = 40.0,
                  alpha: int = 46) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(resource_path("fonts", "Amiri-Bold.ttf")), px,
                              layout_engine=ImageFont.Layout.BASIC)
    visual = to_visual_line(text, True)
    left, top, right, bottom = font.getbbox(visual)
    pad = px // 3
    img = Image.new("LA", (right - left + 2 * pad, bottom - top + 2 * pad), (0, 0))
    ImageDraw.Draw(img).text((pad - left, pad - top), visual, font=font, fill=(150, alpha))
    img = img.rotate(angle, expand=True, resample=Image.BICUBIC)
    out = io.BytesIO()
    img.save(out, format="PNG", optimize=True)
    return out.getvalue()


def watermark_reader(text: str = NOT_APPROVED) -> ImageReader:
    with _lock:
        return ImageReader(io.BytesIO(watermark_png(text)))


def draw_watermark(canv, page_width: float, page_height: float, reader: ImageReader | None = None) -> None:
    """Centre the faded words diagonally on the page (about 80% of its width).

    Drawn once per document as a form XObject and placed on every page: ReportLab would otherwise
    digest the whole image's pixels again on every page (~8 ms a page for the long DEMONSTRATION)."""
    reader = reader or watermark_reader()
    name = f"Watermark{id(reader):x}_{page_width:.0f}x{page_height:.0f}"
    drawn = canv.__dict__.setdefault("_watermark_forms", set())
    if name not in drawn:
        iw, ih = reader.getSize()
        w = page_width * 0.8
        h = w * ih / float(iw)
        canv.beginForm(name)
        canv.drawImage(reader, (page_width - w) / 2.0, (page_height - h) / 2.0, w, h, mask="auto")
        canv.endForm()
        drawn.add(name)
    canv.doForm(name)
