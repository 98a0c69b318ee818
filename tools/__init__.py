"""Developer tools: sample and template generators, LibreOffice helper. Not part of the product."""
