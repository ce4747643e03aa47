"""Writes pitch decks of the given sizes into a folder, as the scripts here upload them:
`python3 bench/decks.py DIR 1 10 50` makes deck-1.pptx, deck-1.pdf, deck-10.pptx ... Each is a
valid file of its format (a PPTX with twelve slides, a one-page PDF) made large by random,
incompressible bytes (a stored video in the PPTX, a content stream in the PDF)."""
import os
import sys
import zipfile

CONTENT_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Override PartName="/ppt/presentation.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/></Types>'
)


# The slides a presentation lists are its slides (the portal counts them from here).
PRESENTATION = (
    '<?xml version="1.0"?><p:presentation'
    ' xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
    ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><p:sldIdLst>'
    + "".join(f'<p:sldId id="{255 + i}" r:id="rId{i}"/>' for i in range(1, 13))
    + "</p:sldIdLst></p:presentation>"
)
PRESENTATION_RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    + "".join(
        f'<Relationship Id="rId{i}" Target="slides/slide{i}.xml"'
        ' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide"/>'
        for i in range(1, 13)
    )
    + "</Relationships>"
)


def pptx(path, mib):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("ppt/presentation.xml", PRESENTATION)
        z.writestr("ppt/_rels/presentation.xml.rels", PRESENTATION_RELS)
        for i in range(1, 13):
            z.writestr(f"ppt/slides/slide{i}.xml", "<s/>")
        z.writestr("ppt/media/video.bin", os.urandom(mib * 1024 * 1024 - 4096))


def pdf(path, mib):
    blob = os.urandom(mib * 1024 * 1024 - 4096)
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(blob) + blob + b"\nendstream",
    ]
    out, offs = bytearray(b"%PDF-1.5\n"), []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    x = len(out)
    out += b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offs)
    out += b"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % x
    with open(path, "wb") as f:
        f.write(out)


folder = sys.argv[1]
for mib in map(int, sys.argv[2:]):
    pptx(f"{folder}/deck-{mib}.pptx", mib)
    pdf(f"{folder}/deck-{mib}.pdf", mib)
