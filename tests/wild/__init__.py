"""An independent corpus of documents as OTHER Vietnamese state offices produce them.

The sample inbox (tools/samples) is what the extractors were tuned on; these builders write the
same document kinds the way other agencies lay them out — other titles and label variants, labels
numbered or typed without diacritics, values on the next paragraph, marks in separate cells,
Wingdings boxes, tracked changes, header blocks in page headers, registers with title blocks,
merged cells, hidden sheets and cp1258 CSV — with python-docx, openpyxl, raw OOXML and LibreOffice.
They share no code with tools/samples on purpose: a quirk of our own samples must not leak here.
"""
