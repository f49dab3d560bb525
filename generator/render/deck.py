"""The deck backend: draws laid-out slides with python-pptx, deciding nothing about placement.

The deck is built on a master of its own (generator/render/deck_package.py): a theme with
the brand's colours and fonts, a slide master carrying the furniture every slide shares,
and a slide layout per kind of slide whose placeholders the slides fill; or on a brand
template (generator/render/deck_template.py), whose layouts the slides use instead.
"""

from __future__ import annotations

from pptx.oxml.ns import qn

from generator.layout.frame import Document, PageFrame
from generator.render.deck_master import MasterPlan
from generator.render.deck_package import own_presentation
from generator.render.deck_props import notes_master_with_theme, set_app_properties, set_core_properties
from generator.render.deck_shapes import Pen, draw
from generator.render.deck_slide import fill_slide, paint_background
from generator.render.deck_theme import Scheme
from generator.render.zipfix import save_presentation


def render_deck(doc: Document, cache_dir=None) -> bytes:
    """The whole deck as .pptx bytes, repeatable byte for byte."""
    if doc.template is not None:
        return _on_template(doc)
    prs, master = own_presentation(doc)
    pen = Pen(doc.metadata.language, Scheme(doc.brand))
    notes_master_with_theme(prs)
    _master_furniture(prs, master, pen)
    layouts = {layout.name: layout for layout in prs.slide_layouts}
    for page in doc.pages:
        kind = master.kinds[page.kind]
        slide = prs.slides.add_slide(layouts[kind.name])
        _own_slide(slide, page, master, pen)
    set_core_properties(prs, doc)
    set_app_properties(prs, doc)
    return save_presentation(prs)


def _on_template(doc: Document) -> bytes:
    """The deck on a brand template: its masters, layouts and theme; each kind of slide on its mapped layout."""
    from generator.render.deck_template import open_template

    assert doc.template is not None
    prs = open_template(doc.template)
    pen = Pen(doc.metadata.language, Scheme(doc.brand), inherit=True)
    notes_master_with_theme(prs)
    layouts = {kind: prs.slide_masters[m].slide_layouts[n] for kind, m, n in doc.template.layouts}
    for page in doc.pages:
        fill_slide(prs.slides.add_slide(layouts[page.kind]), page, pen)
    set_core_properties(prs, doc)
    set_app_properties(prs, doc)
    return save_presentation(prs)


def _master_furniture(prs, master: MasterPlan, pen: Pen) -> None:
    """Draw the furniture every slide of the master shares onto the slide master, marked decorative."""
    from pptx.shapes.shapetree import SlideShapes

    slide_master = prs.slide_masters[0]
    tree = slide_master._element.cSld.spTree
    shapes = SlideShapes(tree, slide_master)
    for item in master.furniture:
        draw(shapes, item, pen)
    _renumber(tree)


def _renumber(tree) -> None:
    """Shape ids 1, 2, 3... in the master's shape tree.

    python-pptx takes the next id after every id in the part, and a master's part also holds
    its slide layouts' ids (from 2147483649), so shapes drawn onto it would get ids up there.
    """
    for n, properties in enumerate(tree.iter(qn("p:cNvPr")), start=1):
        properties.set("id", str(n))
        name = properties.get("name", "")
        if name.rsplit(" ", 1)[-1].isdigit() and int(name.rsplit(" ", 1)[-1]) > 1000:
            properties.set("name", f"{name.rsplit(' ', 1)[0]} {n - 1}")


def _own_slide(slide, page: PageFrame, master: MasterPlan, pen: Pen) -> None:
    """A slide on the deck's own master: its background and master shapes where they differ from its layout's."""
    kind = master.kinds[page.kind]
    wanted = page.background or master.paper
    if wanted != (kind.background or master.paper):  # not the background its layout gives it
        paint_background(slide, wanted, pen)
    shows = master.shows_master(page)
    if kind.shows_master and not shows:
        slide._element.set("showMasterSp", "0")  # its own furniture, or none, instead of the master's
    fill_slide(slide, page, pen, skip=lambda item: shows and master.on_master(page, item))
