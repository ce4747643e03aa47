"""Makes the collateral templates offered on the documents page:
static/templates/one-pager-template.pdf (A4, one page) and
static/templates/pitch-deck-template.pptx (16:9, the slides a co-sell pitch needs).

Run once after changing the text: pip install reportlab python-pptx; python3 tools/make_templates.py
The outputs are committed; the portal embeds them.
"""
from pathlib import Path

from pptx import Presentation
from pptx.util import Inches, Pt
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

OUT = Path(__file__).resolve().parent.parent / "static" / "templates"
OUT.mkdir(parents=True, exist_ok=True)
BLUE = HexColor("#084785")
GREY = HexColor("#525a63")


def one_pager():
    path = OUT / "one-pager-template.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setTitle("Co-sell one-pager template")
    c.setAuthor("cosell")
    w, h = A4
    c.setFillColor(BLUE)
    c.rect(0, h - 90, w, 90, fill=1, stroke=0)
    c.setFillColor(HexColor("#ffffff"))
    c.setFont("Helvetica-Bold", 22)
    c.drawString(40, h - 55, "[Solution name]: one-pager")
    c.setFont("Helvetica", 11)
    c.drawString(40, h - 75, "[Company name]  |  [website]  |  Available in: [geographies]")
    sections = [
        ("The customer's problem", "Two or three sentences, in the customer's words: who struggles with what, and what it costs them."),
        ("Our solution", "What the solution does, how it runs on Azure, and why it is different. Keep it to four sentences."),
        ("Outcomes", "Three measurable results customers reached: time saved, cost lowered, revenue grown. Name the numbers."),
        ("Who it is for", "Industries, company sizes and roles you sell to; the trigger that tells a seller this is a fit."),
        ("Customer proof", "One short quote or case: customer name (with permission), problem, result."),
        ("How to buy", "Marketplace listing, transactable or not, pricing model, trial. Co-sell contact: name, email, geographies."),
    ]
    y = h - 130
    for title, text in sections:
        c.setFillColor(BLUE)
        c.setFont("Helvetica-Bold", 14)
        c.drawString(40, y, title)
        c.setFillColor(GREY)
        c.setFont("Helvetica", 10.5)
        words, line, y = text.split(), "", y - 18
        for word in words:
            trial = (line + " " + word).strip()
            if c.stringWidth(trial, "Helvetica", 10.5) > w - 80:
                c.drawString(40, y, line)
                line, y = word, y - 14
            else:
                line = trial
        c.drawString(40, y, line)
        y -= 34
    c.setFont("Helvetica-Oblique", 8.5)
    c.drawString(40, 30, "Template from cosell. Keep the one-pager to at most two pages, exported as PDF.")
    c.showPage()
    c.save()


def pitch_deck():
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    slides = [
        ("[Solution name]", "[Company name], co-sell pitch deck for the sales teams"),
        ("The customer's problem", "Who struggles with what; what it costs them today"),
        ("Our solution on Azure", "What it does; the Azure services it runs on; reference architecture"),
        ("Why we win", "Differentiators against the alternatives the customer considers"),
        ("Customer proof", "Two customer stories with measurable outcomes"),
        ("Ideal customer profile", "Industries, company sizes, buyer roles, triggers to look for"),
        ("Offer and pricing", "Marketplace listing, transactable plans, trials, deal sizes"),
        ("Co-selling with us", "Contacts per geography, how to register a deal, next steps"),
    ]
    for i, (title, body) in enumerate(slides):
        layout = prs.slide_layouts[0 if i == 0 else 1]
        slide = prs.slides.add_slide(layout)
        slide.shapes.title.text = title
        slide.placeholders[1].text = body
        for p in slide.placeholders[1].text_frame.paragraphs:
            for r in p.runs:
                r.font.size = Pt(24)
    prs.core_properties.title = "Co-sell pitch deck template"
    prs.core_properties.author = "cosell"
    prs.save(str(OUT / "pitch-deck-template.pptx"))


if __name__ == "__main__":
    one_pager()
    pitch_deck()
    print("written to", OUT)
